// A task that takes a while (think: resizing an image), reporting progress as it goes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';

export interface SlowData {
  ms: number; // how long the work takes
}

export async function slowTask(job: Job<SlowData>): Promise<string> {
  for (const percent of [25, 50, 75, 100]) {
    await sleep(job.data.ms / 4);
    await job.updateProgress(percent);
  }
  return `done in ${job.data.ms} ms`;
}

// The same wait in one piece, without progress reports: what the concurrency demo times.
export async function waitTask(job: Job<SlowData>): Promise<string> {
  await sleep(job.data.ms);
  return `done in ${job.data.ms} ms`;
}
