// The sent-marker: one successful send per key, however often and however concurrently we try.
import { randomUUID } from 'node:crypto';
import { testKey } from '@async-lab/course-tools/testing/queue-test-kit';
import { afterAll, expect, it } from 'vitest';
import { connect } from '../src/connection.ts';
import { sendOnce } from '../src/mail/send-once.ts';

const redis = connect();
afterAll(() => redis.quit());

const key = () => testKey(`mail-sent:${randomUUID()}`);

it('sends once, then reports already-sent', async () => {
  const k = key();
  let sends = 0;
  const send = async () => void (sends += 1);
  expect(await sendOnce(redis, k, send)).toBe('sent');
  expect(await sendOnce(redis, k, send)).toBe('already-sent');
  expect(sends).toBe(1);
});

it('lets only one of two concurrent attempts send; the other is told to retry', async () => {
  const k = key();
  let sends = 0;
  const slowSend = async () => {
    sends += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const [first, second] = await Promise.allSettled([sendOnce(redis, k, slowSend), sendOnce(redis, k, slowSend)]);
  expect(first).toEqual({ status: 'fulfilled', value: 'sent' });
  expect(second.status).toBe('rejected');
  expect((second as PromiseRejectedResult).reason.message).toBe(
    'Another attempt is sending this e-mail right now; this one will retry later.',
  );
  expect(sends).toBe(1);
});

it('releases the claim when sending fails, so the retry can send', async () => {
  const k = key();
  await expect(sendOnce(redis, k, () => Promise.reject(new Error('SMTP down')))).rejects.toThrow('SMTP down');
  let sent = false;
  expect(await sendOnce(redis, k, async () => void (sent = true))).toBe('sent');
  expect(sent).toBe(true);
});

it('releases only its own claim: a send that outlived its claim does not undo the attempt after it', async () => {
  const k = key();
  let sends = 0;
  const outlived = sendOnce(redis, k, async () => {
    sends += 1;
    await redis.pexpire(k, 1); // the claim runs out while this send is still going…
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sendOnce(redis, k, async () => void (sends += 1))).toBe('sent'); // …so a retry claims and sends
    throw new Error('SMTP timed out');
  });
  await expect(outlived).rejects.toThrow('SMTP timed out');
  expect(await redis.get(k)).toBe('sent'); // the failing attempt left the other's marker alone
  expect(await sendOnce(redis, k, async () => void (sends += 1))).toBe('already-sent');
  expect(sends).toBe(2);
});
