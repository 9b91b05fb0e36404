import type { Queue } from 'bullmq';

export async function waitForCompleted(queue: Queue, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await queue.getCompletedCount()) < count) {
    if (Date.now() > deadline)
      throw new Error(`only ${await queue.getCompletedCount()} of ${count} jobs completed in time`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
