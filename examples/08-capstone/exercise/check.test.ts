// Checks exercise/<EXERCISE_DIR>/send-once.ts (starter by default) against the in-memory Redis,
// or a real one when REDIS_URL is set. Run: npm run check
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { connect } from '../src/connection.ts';

type SendOnce = typeof import('./solution/send-once.ts').sendOnce;
const { sendOnce } = (await import(`./${process.env.EXERCISE_DIR ?? 'starter'}/send-once.ts`)) as {
  sendOnce: SendOnce;
};

const redis = connect();
afterAll(() => redis.quit());
const freshKey = () => `exercise:mail-sent:${randomUUID()}`;

it('sends the first time', async () => {
  let sends = 0;
  expect(await sendOnce(redis, freshKey(), async () => void (sends += 1)), 'first call should return "sent"').toBe(
    'sent',
  );
  expect(sends, 'first call should send once').toBe(1);
});

it('does not send again for the same key', async () => {
  const key = freshKey();
  let sends = 0;
  await sendOnce(redis, key, async () => void (sends += 1));
  const second = await sendOnce(redis, key, async () => void (sends += 1));
  expect(sends, 'a second call with the same key must not send').toBe(1);
  expect(second, 'a second call should return "already-sent"').toBe('already-sent');
});

it('lets only one of two simultaneous calls send', async () => {
  const key = freshKey();
  let sends = 0;
  const slowSend = async () => {
    sends += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const results = await Promise.allSettled([sendOnce(redis, key, slowSend), sendOnce(redis, key, slowSend)]);
  expect(sends, 'two simultaneous calls must send only once (claim the key with SET … NX)').toBe(1);
  expect(results.map((r) => r.status).sort(), 'the call that lost the claim should throw').toEqual([
    'fulfilled',
    'rejected',
  ]);
});

it('lets a retry send after a failed send', async () => {
  const key = freshKey();
  const failing = sendOnce(redis, key, () => Promise.reject(new Error('SMTP server down')));
  await expect(failing, 'the send error should reach the caller').rejects.toThrow('SMTP server down');
  let sent = false;
  const retry = await sendOnce(redis, key, async () => void (sent = true));
  expect(sent && retry, 'after a failed send the key must be released so a retry can send').toBe('sent');
});
