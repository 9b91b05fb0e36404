// Wrong on purpose (test/exercise.test.ts): closes everything, but `close(true)` abandons the job in hand.
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export async function shutDownGracefully(worker: Worker, connections: Redis[]): Promise<void> {
  // close() stops fetching new jobs at once, then waits until the active ones have finished.
  await worker.close(true);
  // BullMQ does not close connections it was handed: quit() sends QUIT after pending replies.
  await Promise.all(connections.map((connection) => connection.quit()));
}
