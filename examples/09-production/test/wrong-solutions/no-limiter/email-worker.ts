// Wrong on purpose (test/exercise.test.ts): handles a 429 well, but sends as fast as the workers can.
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
        throw Worker.RateLimitError(); // back to waiting, without using up an attempt
      }
    },
    {
      connection,
    },
  );
}
