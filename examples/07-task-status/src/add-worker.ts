// A worker whose jobs take a while and say how far they are: the status a client will watch.
import type { Connection } from '@async-lab/memory-redis';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { addQueueName, type AddJob } from './add-queue.ts';

export const sumLimit = 1000; // so the lesson can show a task that fails: ask for a bigger sum

export interface AddWorkerOptions {
  name?: string;
  /** Each of the four steps of a job takes this long. */
  stepMs?: number;
}

export function createAddWorker(connection: Connection, { name = addQueueName, stepMs = 250 }: AddWorkerOptions = {}) {
  // The third argument (BullMQ passes it to processors that take three) fires when the job is cancelled.
  async function add(job: Job<AddJob>, _token: string | undefined, signal?: AbortSignal): Promise<number> {
    const sum = job.data.x + job.data.y;
    for (const percent of [25, 50, 75]) {
      await step(stepMs, signal);
      await job.updateProgress(percent); // stored on the job and published as a 'progress' event
    }
    await step(stepMs, signal);
    if (sum > sumLimit) throw new Error(`the sum ${sum} is over this worker's limit of ${sumLimit}`);
    await job.updateProgress(100);
    return sum;
  }
  return new Worker<AddJob, number>(name, add, { connection });
}

// One step of work; a cancelled job stops here. UnrecoverableError: BullMQ must not retry a cancelled job.
async function step(ms: number, signal?: AbortSignal) {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw new UnrecoverableError(String(signal.reason));
    throw error;
  }
}
