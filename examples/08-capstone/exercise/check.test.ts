// Checks exercise/<EXERCISE_DIR>/send-once.ts (starter by default) against the in-memory Redis,
// or a real one when REDIS_URL is set. Run: npm run check
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, it } from 'node:test';
import { connect } from '../src/connection.ts';

type SendOnce = typeof import('./solution/send-once.ts').sendOnce;
const { sendOnce } = (await import(`./${process.env.EXERCISE_DIR ?? 'starter'}/send-once.ts`)) as {
  sendOnce: SendOnce;
};

const redis = connect();
after(() => redis.quit());
const freshKey = () => `exercise:mail-sent:${randomUUID()}`;

it('sends the first time', async () => {
  let sends = 0;
  assert.equal(
    await sendOnce(redis, freshKey(), async () => void (sends += 1)),
    'sent',
    'first call should return "sent"',
  );
  assert.equal(sends, 1, 'first call should send once');
});

it('does not send again for the same key', async () => {
  const key = freshKey();
  let sends = 0;
  await sendOnce(redis, key, async () => void (sends += 1));
  const second = await sendOnce(redis, key, async () => void (sends += 1));
  assert.equal(sends, 1, 'a second call with the same key must not send');
  assert.equal(second, 'already-sent', 'a second call should return "already-sent"');
});

it('lets only one of two simultaneous calls send', async () => {
  const key = freshKey();
  let sends = 0;
  const slowSend = async () => {
    sends += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const results = await Promise.allSettled([sendOnce(redis, key, slowSend), sendOnce(redis, key, slowSend)]);
  assert.equal(sends, 1, 'two simultaneous calls must send only once (claim the key with SET … NX)');
  assert.deepEqual(
    results.map((r) => r.status).sort(),
    ['fulfilled', 'rejected'],
    'the call that lost the claim should throw',
  );
});

it('lets a retry send after a failed send', async () => {
  const key = freshKey();
  const failing = sendOnce(redis, key, () => Promise.reject(new Error('SMTP server down')));
  await assert.rejects(failing, /SMTP server down/, 'the send error should reach the caller');
  let sent = false;
  const retry = await sendOnce(redis, key, async () => void (sent = true));
  assert.equal(sent && retry, 'sent', 'after a failed send the key must be released so a retry can send');
});

it('puts an expiry on the claim, so a worker that dies mid-send does not block the e-mail for ever', async () => {
  const key = freshKey();
  let claimTtl = -3;
  await sendOnce(redis, key, async () => {
    claimTtl = await redis.pttl(key); // -1: the key has no expiry; -2: there is no key
  });
  assert.ok(claimTtl > 0, `while send() runs, the claim should expire by itself (SET … PX): PTTL was ${claimTtl}`);
});

it('puts an expiry on the "sent" marker, so markers do not pile up in Redis', async () => {
  const key = freshKey();
  await sendOnce(redis, key, async () => {});
  const ttl = await redis.pttl(key);
  assert.equal(await redis.get(key), 'sent', 'the marker after a successful send');
  assert.ok(ttl > 0, `the "sent" marker should expire (SET … EX): PTTL was ${ttl}`);
});
