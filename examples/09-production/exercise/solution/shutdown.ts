// Graceful shutdown: what a worker does on SIGTERM (a deploy, `docker stop`, Kubernetes scaling down).
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export async function shutDownGracefully(worker: Worker, connections: Redis[]): Promise<void> {
  // close() stops fetching new jobs at once, then waits until the active ones have finished.
  await worker.close();
  // BullMQ does not close connections it was handed: quit() sends QUIT after pending replies.
  await Promise.all(connections.map((connection) => connection.quit()));
}
