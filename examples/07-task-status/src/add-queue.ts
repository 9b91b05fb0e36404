// The queue between the API and the worker (as in 06-http-queue): its name and what a job carries.
import type { Connection } from '@async-lab/memory-redis';
import { Queue } from 'bullmq';

export interface AddJob {
  x: number;
  y: number;
}

export const addQueueName = 'add-status';

export function createAddQueue(connection: Connection, name = addQueueName): Queue<AddJob, number> {
  return new Queue<AddJob, number>(name, { connection });
}
