// A worker that keeps to the e-mail provider's limits: at most 2 e-mails per second from all workers together,
// and when the provider still says "slow down", the whole queue waits as long as it asks.
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { TooManyRequests, type Email, type SendEmail } from '../../src/email-provider.ts';

export function createEmailWorker(queue: Queue<Email>, send: SendEmail, connection: Redis): Worker<Email> {
  return new Worker<Email>(
    queue.name,
    async (job) => {
      try {
        await send(job.data);
      } catch (error) {
        if (!(error instanceof TooManyRequests)) throw error; // a real failure: retried as usual
        await queue.rateLimit(error.retryAfterMs); // no worker of this queue takes a job until then
        throw Worker.RateLimitError(); // back to waiting, without using up an attempt
      }
    },
    {
      connection,
      limiter: { max: 2, duration: 1000 }, // kept in Redis: shared by every worker of the queue
    },
  );
}
