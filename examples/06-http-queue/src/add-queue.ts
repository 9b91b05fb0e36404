// The queue between the API (producer) and the worker (consumer). Both sides import it,
// so they agree on the queue's name and on what a job carries.
import type { Connection } from '@async-lab/memory-redis';
import { Queue } from 'bullmq';

export interface AddJob {
  x: number;
  y: number;
}

export const addQueueName = 'add';

export function createAddQueue(connection: Connection, name = addQueueName): Queue<AddJob, number> {
  return new Queue<AddJob, number>(name, { connection });
}
