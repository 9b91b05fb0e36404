// Cancelling a task that a worker is running, from another process. The API cannot reach into the worker, so
// it publishes a "cancel-requested" event on the queue's event stream (QueueEventsProducer); every worker
// process listens (QueueEvents), and the one running the job aborts it (worker.cancelJob: the processor's
// AbortSignal fires).
import type { Connection } from '@async-lab/memory-redis';
import { QueueEvents, QueueEventsProducer, type Worker } from 'bullmq';

export const CANCELLED_BY_USER = 'cancelled by the user';

export function cancelRequests(queueName: string, connection: Connection) {
  const producer = new QueueEventsProducer(queueName, { connection });
  return {
    request: (jobId: string) => producer.publishEvent({ eventName: 'cancel-requested', jobId }),
    close: () => producer.close(),
  };
}

/** Makes `worker` abort its job when someone asks; returns a function that stops listening. */
export async function cancelOnRequest(worker: Worker, connection: Connection) {
  const requests = new QueueEvents(worker.name, { connection });
  requests.on('cancel-requested' as 'added', ({ jobId }) => worker.cancelJob(jobId, CANCELLED_BY_USER));
  await requests.waitUntilReady();
  return () => requests.close();
}
