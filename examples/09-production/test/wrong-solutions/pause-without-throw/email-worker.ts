// Wrong on purpose (test/exercise.test.ts): pauses the queue on a 429, then returns as if the e-mail had
// gone out: the job completes and the e-mail is never sent.
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
        await queue.rateLimit(error.retryAfterMs); // no worker of this queue takes a job until then
      }
    },
    {
      connection,
      limiter: { max: 2, duration: 1000 }, // kept in Redis: shared by every worker of the queue
    },
  );
}
