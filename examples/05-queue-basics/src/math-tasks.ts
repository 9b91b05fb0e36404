// The job handlers — what Celery calls tasks. A BullMQ processor gets the job and returns its result.
import { UnrecoverableError, type Job } from 'bullmq';

export interface AddData {
  x: number;
  y: number;
}

// Celery: @celery_app.task def add(x, y): return x + y
export async function add(job: Job<AddData>): Promise<number> {
  return job.data.x + job.data.y;
}

// Like a call to a flaky service: fails on the first two attempts, then works.
export async function flakyAdd(job: Job<AddData>): Promise<number> {
  const { x, y } = job.data;
  // Bad input will never get better: UnrecoverableError fails the job at once, skipping its retries.
  if (typeof x !== 'number' || typeof y !== 'number') {
    throw new UnrecoverableError(`add needs two numbers, got ${JSON.stringify(job.data)}`);
  }
  // `attemptsMade` counts the attempts before this one: 0, then 1, then 2.
  if (job.attemptsMade < 2) throw new Error('flaky service did not answer');
  return x + y;
}
