// Checks exercise/<EXERCISE_DIR>/email-worker.ts (starter by default) on the in-memory Redis, or on a real
// one when REDIS_URL is set. Run: npm run check:rate-limit
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { say } from '@async-lab/course-tools/say';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { connect } from '../src/connection.ts';
import { TooManyRequests, type Email, type SendEmail } from '../src/email-provider.ts';

const { createEmailWorker } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/email-worker.ts`
)) as typeof import('./solution/email-worker.ts');

const connection = connect();
const closeLater: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const closable of closeLater.reverse()) await closable.close();
  await connection.quit();
});

// A provider that notes when each e-mail was sent, and answers 429 once to the addresses in `busyFor`.
function provider(busyFor: Record<string, number> = {}, onRefused: () => void = () => {}) {
  const sent: { to: string; at: number }[] = [];
  const refused: { to: string; at: number }[] = [];
  const send: SendEmail = async (email) => {
    const retryAfterMs = busyFor[email.to];
    if (retryAfterMs !== undefined) {
      delete busyFor[email.to];
      refused.push({ to: email.to, at: Date.now() });
      onRefused();
      throw new TooManyRequests(retryAfterMs);
    }
    sent.push({ to: email.to, at: Date.now() });
  };
  return { send, sent, refused };
}

// A fresh queue with `workers` of the exercise's workers on it.
async function emailQueue(send: SendEmail, workers: number) {
  const queue = new Queue<Email>(`exercise-emails-${randomUUID()}`, { connection });
  const queueEvents = new QueueEvents(queue.name, { connection });
  await queueEvents.waitUntilReady();
  const started: Worker<Email>[] = Array.from({ length: workers }, () => createEmailWorker(queue, send, connection));
  closeLater.push(queue, queueEvents, ...started);
  return { queue, queueEvents };
}

// Adds one job per address (one attempt each) and waits until each has ended, or 8 s have passed.
async function sendAll(queue: Queue<Email>, queueEvents: QueueEvents, addresses: string[]) {
  const jobs = await queue.addBulk(
    addresses.map((to) => ({ name: 'email', data: { to, subject: 'Hello' }, opts: { attempts: 1 } })),
  );
  const outcomes = await Promise.all(
    jobs.map((job) =>
      Promise.race([
        job.waitUntilFinished(queueEvents).then(
          () => 'completed',
          () => 'failed',
        ),
        sleep(8000, 'not finished after 8 s'),
      ]),
    ),
  );
  return { jobs: await Promise.all(jobs.map((job) => queue.getJob(job.id!))), outcomes };
}

describe('the e-mail worker', () => {
  it(
    say('sends at most 2 e-mails per second, from two workers together', '两个 worker 加起来每秒最多发 2 封邮件'),
    async () => {
      const { send } = provider();
      const { queue, queueEvents } = await emailQueue(send, 2);
      const { jobs, outcomes } = await sendAll(queue, queueEvents, [
        'a@x.test',
        'b@x.test',
        'c@x.test',
        'd@x.test',
        'e@x.test',
      ]);
      assert.deepEqual(
        outcomes,
        Array(5).fill('completed'),
        say('how the five e-mail jobs ended', '五个邮件任务的结果'),
      );
      // When each job was taken (BullMQ's own record). A third one less than 0.9 s after the first of a pair
      // breaks "2 per second" (0.1 s kept for timers).
      const taken = jobs.map((job) => job?.processedOn ?? 0).sort((a, b) => a - b);
      const mostInAWindow = Math.max(...taken.map((t) => taken.filter((u) => u >= t && u - t < 900).length));
      assert.equal(mostInAWindow, 2, say('the most e-mails taken within 0.9 s', '0.9 秒内最多取走的邮件数'));
    },
  );

  it(
    say(
      'on a 429, sends the e-mail later without using up an attempt (the job has only one)',
      '遇到 429 时稍后再发，不用掉尝试次数（任务只有一次）',
    ),
    async () => {
      const { send, sent, refused } = provider({ 'busy@x.test': 500 });
      const { queue, queueEvents } = await emailQueue(send, 1);
      const { outcomes } = await sendAll(queue, queueEvents, ['busy@x.test']);
      assert.equal(
        outcomes[0],
        'completed',
        say('how the job with one attempt ended after a 429', '只有一次尝试的任务在 429 之后的结果'),
      );
      assert.deepEqual(
        sent.map((s) => s.to),
        ['busy@x.test'],
        say(
          'e-mails the provider accepted (the job must not complete without sending)',
          '邮件服务商接收的邮件（任务不能不发送就完成）',
        ),
      );
      const waited = sent[0]!.at - refused[0]!.at;
      assert.ok(
        waited >= 450,
        say(
          `the retry came ${waited} ms after the 429; the provider asked for 500`,
          `重试在 429 之后 ${waited} 毫秒到来；服务商要求 500`,
        ),
      );
    },
  );

  it(
    say(
      'on a 429, pauses the whole queue: an idle worker does not send either until the pause is over',
      '遇到 429 时暂停整个队列：空闲的 worker 在暂停结束前也不发送',
    ),
    async () => {
      // The provider asks for 1 s; 0.25 s later another e-mail arrives, and the second worker is free.
      let addNext: () => void = () => {};
      const { send, sent, refused } = provider({ 'busy@x.test': 1000 }, () => setTimeout(() => addNext(), 250));
      const { queue, queueEvents } = await emailQueue(send, 2);
      const next = new Promise<unknown>((resolve) => {
        addNext = () => resolve(sendAll(queue, queueEvents, ['next@x.test']));
      });
      await sendAll(queue, queueEvents, ['busy@x.test']);
      await next;
      const during = sent.filter((s) => s.at - refused[0]!.at < 900).map((s) => s.to);
      assert.deepEqual(
        during,
        [],
        say('e-mails sent during the 1 s the provider asked for', '服务商要求的 1 秒内发出的邮件'),
      );
    },
  );
});
