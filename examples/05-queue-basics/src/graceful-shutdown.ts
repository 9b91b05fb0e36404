// Graceful shutdown: on Ctrl+C (SIGINT) or `docker stop` / `kill` (SIGTERM) the worker takes no new
// jobs and finishes the ones it is running before the process exits. Killed mid-job instead, the job
// would sit "active" until BullMQ's stalled-job check hands it to another worker to start over.
import type { Worker } from 'bullmq';

export function closeWorkerOnSignal(worker: Worker, afterClose: () => Promise<void>): () => void {
  const onSignal = async (signal: NodeJS.Signals) => {
    stopListening(); // a second Ctrl+C now falls through to Node's default: exit at once
    console.log(`${signal} received: finishing the running job, taking no new ones`);
    await worker.close(); // resolves when the jobs in progress are done
    console.log('worker closed');
    await afterClose(); // close the queue and the connection too, or the process would not exit
  };
  const stopListening = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return stopListening;
}
