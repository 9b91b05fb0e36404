// Exercise: make welcome e-mails survive a flaky mail server, and give up at once on bad addresses.
import { UnrecoverableError, type Job, type JobsOptions } from 'bullmq';

export interface EmailData {
  to: string;
  subject: string;
}

/** Talks to the mail server. It sometimes fails for a moment: then it throws. */
export type SendEmail = (to: string, subject: string) => Promise<void>;

// TODO 1: a failed send should be retried: 3 attempts in total, waiting 50 ms before the
// second attempt and 100 ms before the third (exponential backoff).
export const emailJobOptions: JobsOptions = {};

export function createEmailProcessor(send: SendEmail) {
  return async (job: Job<EmailData>): Promise<string> => {
    // TODO 2: an address without "@" can never be delivered, however often we retry.
    // Throw an UnrecoverableError whose message names the address, so BullMQ does not retry it.
    await send(job.data.to, job.data.subject);
    return `sent to ${job.data.to}`;
  };
}
