// Checks exercise/<EXERCISE_DIR>/email-jobs.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { say } from '@async-lab/course-tools/say';
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
  it(
    say('a send that fails twice is retried and succeeds on the third attempt', '失败两次的发送会被重试，第三次成功'),
    async () => {
      const server = mailServer(2);
      const run = await sendOne('ada@example.com', server.send);
      assert.equal(
        run.state,
        'completed',
        say(`job state (failed because: ${run.failedReason})`, `任务状态（失败原因：${run.failedReason}）`),
      );
      assert.equal(run.attemptsMade, 3, say('attempts it took', '用掉的尝试次数'));
    },
  );

  it(
    say('retries wait 50 ms, then 100 ms (exponential backoff)', '重试先等 50 毫秒，再等 100 毫秒（指数退避）'),
    async () => {
      const server = mailServer(2);
      const run = await sendOne('ada@example.com', server.send);
      assert.deepEqual(
        run.retryDelays,
        [50, 100],
        say('milliseconds BullMQ waited before each retry', '每次重试前 BullMQ 等待的毫秒数'),
      );
    },
  );

  it(
    say('gives up after 3 attempts when the mail server never recovers', '邮件服务器一直不恢复时，尝试 3 次后放弃'),
    async () => {
      const server = mailServer(Infinity);
      const run = await sendOne('ada@example.com', server.send);
      assert.equal(run.state, 'failed', say('job state', '任务状态'));
      assert.equal(server.sentTo.length, 3, say('how many times it tried to send', '尝试发送的次数'));
    },
  );

  it(
    say(
      'fails an address without "@" at once, with a reason that names it',
      '没有“@”的地址立即失败，失败原因里写出这个地址',
    ),
    async () => {
      const server = mailServer(0);
      const run = await sendOne('not-an-address', server.send);
      assert.equal(run.state, 'failed', say('job state', '任务状态'));
      assert.deepEqual(server.sentTo, [], say('addresses handed to the mail server', '交给邮件服务器的地址'));
      assert.match(
        String(run.failedReason),
        /not-an-address/,
        say('the failed reason should name the address', '失败原因应写出这个地址'),
      );
      assert.equal(
        run.attemptsMade,
        1,
        say('attempts made (an UnrecoverableError is not retried)', '已用的尝试次数（UnrecoverableError 不会重试）'),
      );
    },
  );
});
