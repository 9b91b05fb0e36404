// Polls until a job reaches a state. Plain polling keeps the demos free of event plumbing.
import type { Job, Queue } from 'bullmq';

export async function waitForState(
  queue: Queue,
  jobId: string,
  state: 'completed' | 'failed',
  timeoutMs = 40_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // State first, then the job: read the other way round, the job could be fetched just before it
    // completed and come back without its return value.
    if ((await queue.getJobState(jobId)) === state) {
      const job = await queue.getJob(jobId);
      if (job) return job;
    }
    if (Date.now() > deadline) throw new Error(`${jobId} did not become ${state} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
