// The worker: takes add jobs off the queue and returns x + y (Celery's `celery -A tasks worker`).
import type { Connection } from '@async-lab/memory-redis';
import { Worker, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { addQueueName, type AddJob } from './add-queue.ts';

export interface AddWorkerOptions {
  name?: string;
  /** Pretend work takes this long, so you can see the HTTP answer come back before the result. */
  workMs?: number;
}

export function createAddWorker(connection: Connection, { name = addQueueName, workMs = 500 }: AddWorkerOptions = {}) {
  return new Worker<AddJob, number>(
    name,
    async (job: Job<AddJob>) => {
      await sleep(workMs);
      return job.data.x + job.data.y;
    },
    { connection },
  );
}
