// Exercise: a worker that keeps to the e-mail provider's limits. See exercise/README.md.
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { TooManyRequests, type Email, type SendEmail } from '../../src/email-provider.ts';

export function createEmailWorker(queue: Queue<Email>, send: SendEmail, connection: Redis): Worker<Email> {
  return new Worker<Email>(
    queue.name,
    async (job) => {
      // TODO 2: when send() throws a TooManyRequests error, pause the whole queue for error.retryAfterMs
      //         (await queue.rateLimit(…)) and throw Worker.RateLimitError(): the job goes back to the queue
      //         without using up an attempt, and is sent once the pause is over.
      void TooManyRequests;
      await send(job.data);
    },
    {
      connection,
      // TODO 1: the provider takes at most 2 e-mails per second, from all our workers together.
    },
  );
}
