// An alert rule on the failed set: the jobs that failed since the last check, with their reasons. Run it every
// minute (from a job scheduler, or as a probe of your monitoring) and page a person when it finds any: a job
// that failed for good waits there, in Redis, for someone to look at it and retry or drop it.
import type { Queue } from 'bullmq';

export async function failedSince(queue: Queue, since: number): Promise<string[]> {
  const newest = await queue.getFailed(0, 99); // newest first
  return newest
    .filter((job) => (job.finishedOn ?? 0) > since)
    .map((job) => `${job.name} ${job.id} failed after ${job.attemptsMade} attempt(s): ${job.failedReason}`);
}
