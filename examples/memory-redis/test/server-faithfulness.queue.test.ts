// Parity: what a real server does that an in-process one could easily get wrong — a client closed
// while it connects, a fake clock in the caller's process, SCAN while keys are deleted, compact
// collections in SCAN replies, and 64-bit integers.
import { Queue, Worker } from 'bullmq';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendNames, sleep, useBackend } from './support/backends.ts';

/** Settles within `ms` or says it never did (a dropped command never settles). */
function settled<T>(promise: Promise<T>, ms = 5_000): Promise<PromiseSettledResult<T> | 'never settled'> {
  return Promise.race([
    promise.then(
      (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
    ),
    sleep(ms).then(() => 'never settled' as const),
  ]);
}

describe.each(backendNames())('server faithfulness on %s', (name) => {
  const backend = useBackend(name);
  const key = (label: string) => backend.queueName(`faith-${label}`);

  afterEach(() => {
    vi.useRealTimers();
  });

  it('a client closed while it connects rejects its commands and never disturbs another client', async () => {
    const healthy = backend.connect();
    await healthy.ping();
    const doomed = backend.connect();
    doomed.disconnect();
    await sleep(20); // past the moment the connection would have come up
    expect(doomed.status).toBe('end');
    const k = key('healthy');
    // Same turn: the closed client's command, then a healthy client's.
    const [closed, ok] = await Promise.all([settled(doomed.set(key('doomed'), 'x')), settled(healthy.set(k, 'v'))]);
    expect(closed).toMatchObject({ status: 'rejected', reason: { message: 'Connection is closed.' } });
    expect(ok).toEqual({ status: 'fulfilled', value: 'OK' });
    expect(await healthy.get(k)).toBe('v');
  });

  it('a BullMQ worker closed at once leaves the server serving everyone', async () => {
    const connection = backend.connect();
    const queueName = key('closed-worker');
    const worker = new Worker(queueName, async () => 'done', { connection });
    await worker.close();
    const queue = new Queue(queueName, { connection });
    const job = await queue.add('after', { n: 1 });
    expect(await queue.getJobState(job.id!)).toBe('waiting');
    expect(await settled(connection.ping())).toEqual({ status: 'fulfilled', value: 'PONG' });
    await queue.close();
  });

  it('keeps its own clock when the caller fakes Date and timers', async () => {
    const c = backend.connect();
    const k = key('ttl');
    const z = key('bz');
    await c.ping();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    await c.set(k, 'v', 'PX', 30_000);
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000); // a day passes for the caller only
    const pttl = await c.pttl(k);
    expect(pttl).toBeGreaterThan(20_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
    expect(await c.get(k)).toBe('v');
    // A blocking timeout runs on the server's clock too: it fires although the caller's timers are frozen.
    expect(await settled(c.bzpopmin(z, 0.2))).toEqual({ status: 'fulfilled', value: null });
    const [seconds] = await c.time();
    expect(Math.abs(Number(seconds) * 1000 - performance.timeOrigin - performance.now())).toBeLessThan(60_000);
  });

  it('SCAN returns every key present for the whole scan, even while the scan deletes keys', async () => {
    const c = backend.connect();
    const prefix = key('scan');
    for (let i = 0; i < 150; i++) await c.set(`${prefix}:${i}`, String(i));
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await c.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 10);
      for (const k of keys) seen.add(k);
      if (keys.length > 0) await c.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    expect(seen.size).toBe(150);
  });

  it('HSCAN, SSCAN and ZSCAN keep the same guarantee on large collections', async () => {
    const c = backend.connect();
    const [h, s, z] = [key('hscan'), key('sscan'), key('zscan')];
    const n = 300;
    const names = Array.from({ length: n }, (_, i) => `member-${i}`);
    await c.hset(h, Object.fromEntries(names.map((m) => [m, 'v'])));
    await c.sadd(s, ...names);
    await c.zadd(z, ...names.flatMap((m, i) => [i, m]));
    const scanAll = async (
      scan: (cursor: string) => Promise<[string, string[]]>,
      step: number,
      remove: (m: string[]) => Promise<unknown>,
    ) => {
      const seen = new Set<string>();
      let cursor = '0';
      do {
        const [next, items] = await scan(cursor);
        const members = items.filter((_, i) => i % step === 0);
        members.forEach((m) => seen.add(m));
        if (members.length > 0) await remove(members);
        cursor = next;
      } while (cursor !== '0');
      return seen.size;
    };
    expect(
      await scanAll(
        (cur) => c.hscan(h, cur, 'COUNT', 10),
        2,
        (m) => c.hdel(h, ...m),
      ),
    ).toBe(n);
    expect(
      await scanAll(
        (cur) => c.sscan(s, cur, 'COUNT', 10),
        1,
        (m) => c.srem(s, ...m),
      ),
    ).toBe(n);
    expect(
      await scanAll(
        (cur) => c.zscan(z, cur, 'COUNT', 10),
        2,
        (m) => c.zrem(z, ...m),
      ),
    ).toBe(n);
  });

  it('returns small (listpack- or intset-encoded) collections whole, as Redis 7.2 does', async () => {
    const c = backend.connect();
    const [h, s, ints, z, big] = [key('h'), key('s'), key('ints'), key('z'), key('big')];
    const members = Array.from({ length: 100 }, (_, i) => `m${i}`);
    await c.hset(h, Object.fromEntries(members.map((m) => [m, 'v'])));
    await c.sadd(s, ...members);
    await c.sadd(ints, ...Array.from({ length: 500 }, (_, i) => String(i)));
    await c.zadd(z, ...members.flatMap((m, i) => [100 - i, m]));
    const [hc, hItems] = await c.hscan(h, '0', 'COUNT', 5);
    expect([hc, hItems.length]).toEqual(['0', 200]);
    // Small sets of strings are listpack-encoded from Redis 7.2 on (a hash table before): follow the
    // version the server reports.
    const version = /redis_version:(\d+)\.(\d+)/.exec(await c.info('server'))!;
    const setListpack = Number(version[1]) > 7 || (Number(version[1]) === 7 && Number(version[2]) >= 2);
    const [sc, sItems] = await c.sscan(s, '0', 'COUNT', 5);
    if (setListpack) expect([sc, sItems.length]).toEqual(['0', 100]);
    else expect(sc).not.toBe('0');
    const [ic, iItems] = await c.sscan(ints, '0', 'COUNT', 5);
    expect([ic, iItems.length]).toEqual(['0', 500]);
    const [zc, zItems] = await c.zscan(z, '0', 'MATCH', 'm9*', 'COUNT', 5);
    expect(zc).toBe('0');
    expect(zItems).toEqual([
      'm99',
      '1',
      'm98',
      '2',
      'm97',
      '3',
      'm96',
      '4',
      'm95',
      '5',
      'm94',
      '6',
      'm93',
      '7',
      'm92',
      '8',
      'm91',
      '9',
      'm90',
      '10',
      'm9',
      '91',
    ]);
    // A long value makes it a hash table: paged by COUNT again.
    await c.hset(big, 'f', 'x'.repeat(65), ...members.flatMap((m) => [m, 'v']));
    const [bigCursor, bigItems] = await c.hscan(big, '0', 'COUNT', 5);
    expect(bigCursor).not.toBe('0');
    expect(bigItems.length).toBeLessThan(202);
  });

  it('counts with exact 64-bit integers and fails on overflow as Redis does', async () => {
    const c = backend.connect();
    const [n, m, h] = [key('n'), key('m'), key('h')];
    await c.set(n, '9007199254740991');
    await c.incrby(n, 1);
    expect(await c.get(n)).toBe('9007199254740992');
    await c.incrby(n, 1);
    expect(await c.get(n)).toBe('9007199254740993');
    await c.set(m, '9223372036854775806');
    await c.incr(m);
    expect(await c.get(m)).toBe('9223372036854775807');
    await expect(c.incr(m)).rejects.toThrow('ERR increment or decrement would overflow');
    await c.set(m, '-9223372036854775808');
    await expect(c.decr(m)).rejects.toThrow('ERR increment or decrement would overflow');
    await expect(c.decrby(n, '-9223372036854775808')).rejects.toThrow('ERR decrement would overflow');
    await expect(c.incrby(n, '9223372036854775808')).rejects.toThrow('ERR value is not an integer or out of range');
    await c.set(m, '007');
    await expect(c.incr(m)).rejects.toThrow('ERR value is not an integer or out of range');
    await c.hset(h, 'f', '9223372036854775800');
    await c.hincrby(h, 'f', 7);
    expect(await c.hget(h, 'f')).toBe('9223372036854775807');
    await expect(c.hincrby(h, 'f', 1)).rejects.toThrow('ERR increment or decrement would overflow');
    await c.hset(h, 'g', '1.5');
    await expect(c.hincrby(h, 'g', 1)).rejects.toThrow('ERR hash value is not an integer');
    // From a script, the same exact arithmetic.
    await c.set(n, '9007199254740991');
    expect(await c.eval(`redis.call('INCRBY', KEYS[1], 2) return redis.call('GET', KEYS[1])`, 1, n)).toBe(
      '9007199254740993',
    );
  });
});
