// Checks exercise/<EXERCISE_DIR>/send-once.ts (starter by default) against the in-memory Redis,
// or a real one when REDIS_URL is set. Run: npm run check
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { say } from '@async-lab/course-tools/say';
import { after, it } from 'node:test';
import { connect } from '../src/connection.ts';

type SendOnce = typeof import('./solution/send-once.ts').sendOnce;
const { sendOnce } = (await import(`./${process.env.EXERCISE_DIR ?? 'starter'}/send-once.ts`)) as {
  sendOnce: SendOnce;
};

const redis = connect();
after(() => redis.quit());
const freshKey = () => `exercise:mail-sent:${randomUUID()}`;

it(say('sends the first time', '第一次会发送'), async () => {
  let sends = 0;
  assert.equal(
    await sendOnce(redis, freshKey(), async () => void (sends += 1)),
    'sent',
    say('first call should return "sent"', '第一次调用应返回“sent”'),
  );
  assert.equal(sends, 1, say('first call should send once', '第一次调用应发送一次'));
});

it(say('does not send again for the same key', '同一个 key 不再发送'), async () => {
  const key = freshKey();
  let sends = 0;
  await sendOnce(redis, key, async () => void (sends += 1));
  const second = await sendOnce(redis, key, async () => void (sends += 1));
  assert.equal(sends, 1, say('a second call with the same key must not send', '同一个 key 的第二次调用不能发送'));
  assert.equal(
    second,
    'already-sent',
    say('a second call should return "already-sent"', '第二次调用应返回“already-sent”'),
  );
});

it(say('lets only one of two simultaneous calls send', '两个同时的调用只有一个发送'), async () => {
  const key = freshKey();
  let sends = 0;
  const slowSend = async () => {
    sends += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const results = await Promise.allSettled([sendOnce(redis, key, slowSend), sendOnce(redis, key, slowSend)]);
  assert.equal(
    sends,
    1,
    say(
      'two simultaneous calls must send only once (claim the key with SET … NX)',
      '两个同时的调用只能发送一次（用 SET … NX 占住 key）',
    ),
  );
  assert.deepEqual(
    results.map((r) => r.status).sort(),
    ['fulfilled', 'rejected'],
    say('the call that lost the claim should throw', '没抢到占位的调用应抛出错误'),
  );
});

it(say('lets a retry send after a failed send', '发送失败后重试可以再发'), async () => {
  const key = freshKey();
  const failing = sendOnce(redis, key, () => Promise.reject(new Error('SMTP server down')));
  await assert.rejects(
    failing,
    /SMTP server down/,
    say('the send error should reach the caller', '发送错误应传给调用方'),
  );
  let sent = false;
  const retry = await sendOnce(redis, key, async () => void (sent = true));
  assert.equal(
    sent && retry,
    'sent',
    say('after a failed send the key must be released so a retry can send', '发送失败后必须释放 key，让重试可以发送'),
  );
});

it(say("releases only its own claim, never the next attempt's", '只释放自己的占位，不动下一次尝试的'), async () => {
  const key = freshKey();
  const outlived = sendOnce(redis, key, async () => {
    await redis.pexpire(key, 1); // this send outlives its claim…
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sendOnce(redis, key, async () => {}); // …a retry claims the key and sends
    throw new Error('SMTP timed out');
  });
  await assert.rejects(
    outlived,
    /SMTP timed out/,
    say('the send error should reach the caller', '发送错误应传给调用方'),
  );
  assert.equal(
    await redis.get(key),
    'sent',
    say(
      'a failed send must not delete a key it no longer owns (here: the retry\'s "sent" marker); compare before deleting',
      '发送失败时不能删掉已经不属于自己的 key（这里是重试写下的“sent”标记）：先比较再删除',
    ),
  );
});

it(
  say(
    'puts an expiry on the claim, so a worker that dies mid-send does not block the e-mail for ever',
    '占位有过期时间，发送中途崩溃的 worker 不会永远挡住这封邮件',
  ),
  async () => {
    const key = freshKey();
    let claimTtl = -3;
    await sendOnce(redis, key, async () => {
      claimTtl = await redis.pttl(key); // -1: the key has no expiry; -2: there is no key
    });
    assert.ok(
      claimTtl > 0,
      say(
        `while send() runs, the claim should expire by itself (SET … PX): PTTL was ${claimTtl}`,
        `send() 运行时占位应能自己过期（SET … PX）：PTTL 是 ${claimTtl}`,
      ),
    );
  },
);

it(
  say(
    'puts an expiry on the "sent" marker, so markers do not pile up in Redis',
    '“sent”标记有过期时间，标记不会在 Redis 里越积越多',
  ),
  async () => {
    const key = freshKey();
    await sendOnce(redis, key, async () => {});
    const ttl = await redis.pttl(key);
    assert.equal(await redis.get(key), 'sent', say('the marker after a successful send', '发送成功后的标记'));
    assert.ok(
      ttl > 0,
      say(
        `the "sent" marker should expire (SET … EX): PTTL was ${ttl}`,
        `“sent”标记应会过期（SET … EX）：PTTL 是 ${ttl}`,
      ),
    );
  },
);
