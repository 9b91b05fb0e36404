// Exercise: shut a worker down gracefully. This version pulls the plug: the job in hand is abandoned
// (it will only be picked up again after its lock expires) and the Redis connections stay open, so
// the process never exits by itself.
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export async function shutDownGracefully(worker: Worker, connections: Redis[]): Promise<void> {
  // TODO 1: close the worker so that it takes no new job but finishes the active ones.
  //         Look at worker.close(force?): what does `force` do?
  // TODO 2: close every connection in `connections` (BullMQ does not close connections it was given).
  void connections;
  await worker.close(true);
}
