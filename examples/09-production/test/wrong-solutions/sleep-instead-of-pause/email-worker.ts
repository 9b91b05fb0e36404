// Wrong on purpose (test/exercise.test.ts): on a 429 this worker sleeps and tries again, holding its job;
// the other workers keep sending meanwhile, and the provider keeps refusing.
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { TooManyRequests, type Email, type SendEmail } from '../../../src/email-provider.ts';

export function createEmailWorker(queue: Queue<Email>, send: SendEmail, connection: Redis): Worker<Email> {
  return new Worker<Email>(
    queue.name,
    async (job) => {
      try {
        await send(job.data);
      } catch (error) {
        if (!(error instanceof TooManyRequests)) throw error; // a real failure: retried as usual
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs));
        await send(job.data);
      }
    },
    {
      connection,
      limiter: { max: 2, duration: 1000 }, // kept in Redis: shared by every worker of the queue
    },
  );
}
