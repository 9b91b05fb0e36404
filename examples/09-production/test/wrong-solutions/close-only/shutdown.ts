// Wrong on purpose (test/exercise.test.ts): the worker stops well, but its connections stay open, so the
// process never exits by itself.
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export async function shutDownGracefully(worker: Worker, connections: Redis[]): Promise<void> {
  // close() stops fetching new jobs at once, then waits until the active ones have finished.
  await worker.close();
}
