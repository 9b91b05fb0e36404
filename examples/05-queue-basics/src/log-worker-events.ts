// Worker events: the worker reports, in its own process, what happens to every job it runs.
import type { Worker } from 'bullmq';

export function logWorkerEvents(worker: Worker, log: (line: string) => void = console.log): void {
  worker.on('active', (job) => log(`job ${job.id} active     attempt ${job.attemptsMade + 1}`));
  worker.on('progress', (job, progress) => log(`job ${job.id} progress   ${JSON.stringify(progress)}`));
  worker.on('completed', (job, result) => log(`job ${job.id} completed  result ${JSON.stringify(result)}`));
  worker.on('failed', (job, error) => log(`job ${job?.id} failed     ${error.message}`));
  // Connection trouble arrives here. Without an 'error' listener Node would crash the process.
  worker.on('error', (error) => log(`worker error: ${error.message}`));
}
