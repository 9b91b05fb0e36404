// Wrong on purpose (test/exercise.test.ts): retries, but with a fixed backoff: 50 ms, then 50 ms again.
import { UnrecoverableError, type Job, type JobsOptions } from 'bullmq';

export interface EmailData {
  to: string;
  subject: string;
}

/** Talks to the mail server. It sometimes fails for a moment: then it throws. */
export type SendEmail = (to: string, subject: string) => Promise<void>;

export const emailJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: 'fixed', delay: 50 },
};

export function createEmailProcessor(send: SendEmail) {
  return async (job: Job<EmailData>): Promise<string> => {
    if (!job.data.to.includes('@')) {
      throw new UnrecoverableError(`cannot send to "${job.data.to}": not an e-mail address`);
    }
    await send(job.data.to, job.data.subject);
    return `sent to ${job.data.to}`;
  };
}
