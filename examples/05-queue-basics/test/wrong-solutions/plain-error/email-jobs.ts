// Wrong on purpose (test/exercise.test.ts): a bad address throws a plain Error, which BullMQ retries
// like any other failure: three attempts for an address that can never work.
import type { Job, JobsOptions } from 'bullmq';

export interface EmailData {
  to: string;
  subject: string;
}

/** Talks to the mail server. It sometimes fails for a moment: then it throws. */
export type SendEmail = (to: string, subject: string) => Promise<void>;

export const emailJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 50 }, // 50 ms, then 100 ms
};

export function createEmailProcessor(send: SendEmail) {
  return async (job: Job<EmailData>): Promise<string> => {
    if (!job.data.to.includes('@')) {
      throw new Error(`cannot send to "${job.data.to}": not an e-mail address`);
    }
    await send(job.data.to, job.data.subject);
    return `sent to ${job.data.to}`;
  };
}
