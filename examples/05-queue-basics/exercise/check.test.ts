// Checks exercise/<EXERCISE_DIR>/email-jobs.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { EmailData, SendEmail } from './solution/email-jobs.ts';

const { emailJobOptions, createEmailProcessor } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/email-jobs.ts`
)) as typeof import('./solution/email-jobs.ts');

const connection = createConnection();
after(() => connection.quit());

// A mail server that fails the first `failures` sends, then works. It records every address it was asked for.
function mailServer(failures: number) {
  const sentTo: string[] = [];
  const send: SendEmail = async (to) => {
    sentTo.push(to);
    if (sentTo.length <= failures) throw new Error('mail server busy, try again later');
  };
  return { send, sentTo };
}

// Queues one e-mail with the exercise's options, runs it with the exercise's processor to its final state.
// Also notes the delay BullMQ chose before each retry (a failed job that will retry carries it in job.delay):
// the backoff as it really behaves, however the options were written.
async function sendOne(to: string, send: SendEmail) {
  const name = `exercise-email-${randomUUID()}`;
  const queue = new Queue<EmailData, string>(name, { connection });
  const queueEvents = new QueueEvents(name, { connection });
  const worker = new Worker<EmailData, string>(name, createEmailProcessor(send), { connection });
  const retryDelays: number[] = [];
  worker.on('failed', (job) => {
    if (job && !job.finishedOn) retryDelays.push(job.delay); // finishedOn is set only when it failed for good
  });
  try {
    await queueEvents.waitUntilReady();
    const job = await queue.add('welcome', { to, subject: 'Welcome!' }, emailJobOptions);
    await job.waitUntilFinished(queueEvents).catch(() => undefined);
    const stored = (await queue.getJob(job.id!))!;
    return {
      state: await stored.getState(),
      attemptsMade: stored.attemptsMade,
      failedReason: stored.failedReason,
      retryDelays,
    };
  } finally {
    await worker.close();
    await queueEvents.close();
    await queue.close();
  }
}

describe('welcome e-mails', () => {
  it('a send that fails twice is retried and succeeds on the third attempt', async () => {
    const server = mailServer(2);
    const run = await sendOne('ada@example.com', server.send);
    assert.equal(run.state, 'completed', `job state (failed because: ${run.failedReason})`);
    assert.equal(run.attemptsMade, 3, 'attempts it took');
  });

  it('retries wait 50 ms, then 100 ms (exponential backoff)', async () => {
    const server = mailServer(2);
    const run = await sendOne('ada@example.com', server.send);
    assert.deepEqual(run.retryDelays, [50, 100], 'milliseconds BullMQ waited before each retry');
  });

  it('gives up after 3 attempts when the mail server never recovers', async () => {
    const server = mailServer(Infinity);
    const run = await sendOne('ada@example.com', server.send);
    assert.equal(run.state, 'failed', 'job state');
    assert.equal(server.sentTo.length, 3, 'how many times it tried to send');
  });

  it('fails an address without "@" at once, with a reason that names it', async () => {
    const server = mailServer(0);
    const run = await sendOne('not-an-address', server.send);
    assert.equal(run.state, 'failed', 'job state');
    assert.deepEqual(server.sentTo, [], 'addresses handed to the mail server');
    assert.match(String(run.failedReason), /not-an-address/, 'the failed reason should name the address');
    assert.equal(run.attemptsMade, 1, 'attempts made (an UnrecoverableError is not retried)');
  });
});
