// Parity: the Redis commands BullMQ relies on, command by command, on both backends.
import { describe, expect, it } from 'vitest';
import { backendNames, sleep, useBackend } from './support/backends.ts';

describe.each(backendNames())('commands on %s', (name) => {
  const backend = useBackend(name);
  const key = (label: string) => backend.queueName(`cmd-${label}`);

  it('replies on a later macrotask, never synchronously or on a microtask', async () => {
    const c = backend.connect();
    await c.ping();
    let replied = false;
    const reply = c.ping().then(() => (replied = true));
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(replied).toBe(false);
    await reply;
    expect(replied).toBe(true);
  });

  it('BZPOPMIN pops at once when it can, wakes on ZADD, honours its timeout', async () => {
    const c = backend.connect();
    const blocker = c.duplicate();
    const z = key('bz');
    await c.zadd(z, 2, 'b', 1, 'a');
    expect(await blocker.bzpopmin(z, 1)).toEqual([z, 'a', '1']);
    await c.del(z);
    const waiting = blocker.bzpopmin(z, 5);
    await sleep(50);
    await c.zadd(z, 7, 'late');
    expect(await waiting).toEqual([z, 'late', '7']);
    const started = Date.now();
    expect(await blocker.bzpopmin(z, 0.1)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    blocker.disconnect();
  });

  it('disconnect rejects a pending BZPOPMIN with "Connection is closed."', async () => {
    const blocker = backend.connect();
    await blocker.ping();
    const waiting = blocker.bzpopmin(key('closed'), 0);
    await sleep(30);
    blocker.disconnect();
    await expect(waiting).rejects.toThrow('Connection is closed.');
    await expect(blocker.ping()).rejects.toThrow('Connection is closed.');
  });

  it('streams: XADD with MAXLEN, XRANGE, XREVRANGE, XLEN, XTRIM, XDEL', async () => {
    const c = backend.connect();
    const s = key('stream');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await c.xadd(s, 'MAXLEN', '=', 3, '*', 'n', String(i)))!);
    expect(new Set(ids).size).toBe(5);
    expect(await c.xlen(s)).toBe(3);
    const range = await c.xrange(s, '-', '+');
    expect(range.map(([, f]) => f)).toEqual([
      ['n', '2'],
      ['n', '3'],
      ['n', '4'],
    ]);
    expect((await c.xrevrange(s, '+', '-', 'COUNT', 2)).map(([id]) => id)).toEqual([ids[4], ids[3]]);
    expect(await c.xrange(s, ids[3]!, ids[4]!)).toHaveLength(2);
    expect(await c.xdel(s, ids[3]!)).toBe(1);
    expect(await c.xtrim(s, 'MAXLEN', 1)).toBe(1);
    expect((await c.xrange(s, '-', '+')).map(([id]) => id)).toEqual([ids[4]]);
  });

  it('stream ids never collide or go backwards, even within one millisecond', async () => {
    const c = backend.connect();
    const s = key('ids');
    const m = c.multi();
    for (let i = 0; i < 200; i++) m.xadd(s, '*', 'i', String(i));
    const ids = (await m.exec())!.map(([, id]) => id as string);
    const parsed = ids.map((id) => id.split('-').map(Number) as [number, number]);
    for (let i = 1; i < parsed.length; i++) {
      const [a, b] = [parsed[i - 1]!, parsed[i]!];
      expect(b[0] > a[0] || (b[0] === a[0] && b[1] > a[1])).toBe(true);
    }
    await expect(c.xadd(s, '1-1', 'x', 'y')).rejects.toThrow('equal or smaller');
  });

  it('XREAD BLOCK wakes on XADD, and every reader sees every entry', async () => {
    const c = backend.connect();
    const r1 = c.duplicate();
    const r2 = c.duplicate();
    const s = key('xread');
    // Read after the seed's id rather than '$', so a slow start of XREAD cannot miss the entry.
    const seed = (await c.xadd(s, '*', 'seed', '0'))!;
    const read1 = r1.xread('BLOCK', 5000, 'STREAMS', s, seed);
    const read2 = r2.xread('BLOCK', 5000, 'STREAMS', s, seed);
    await sleep(50);
    const id = await c.xadd(s, '*', 'hello', 'world');
    for (const read of [read1, read2]) expect(await read).toEqual([[s, [[id, ['hello', 'world']]]]]);
    expect(await r1.xread('BLOCK', 50, 'STREAMS', s, id!)).toBeNull();
    // '$' means "only entries added after this call": none come, so it times out.
    expect(await r1.xread('BLOCK', 50, 'STREAMS', s, '$')).toBeNull();
    expect(await r1.xread('COUNT', 1, 'STREAMS', s, '0-0')).toEqual([[s, [[expect.any(String), ['seed', '0']]]]]);
    r1.disconnect();
    r2.disconnect();
  });

  it('sorted sets: float and infinite bounds, exclusive bounds, LIMIT, lex ranges', async () => {
    const c = backend.connect();
    const z = key('z');
    await c.zadd(z, 1.5, 'a', 2, 'b', 2.5, 'c', 1e15, 'd', -3, 'e');
    expect(await c.zrangebyscore(z, '-inf', '+inf')).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(await c.zrangebyscore(z, '(1.5', 2.5, 'WITHSCORES')).toEqual(['b', '2', 'c', '2.5']);
    expect(await c.zrangebyscore(z, 0, '+inf', 'LIMIT', 1, 2)).toEqual(['b', 'c']);
    expect(await c.zrevrangebyscore(z, '+inf', '(2')).toEqual(['d', 'c']);
    expect(await c.zcount(z, '(-3', 2)).toBe(2);
    expect(await c.zscore(z, 'd')).toBe('1000000000000000');
    expect(await c.zrange(z, -2, -1)).toEqual(['c', 'd']);
    expect(await c.zrevrange(z, 0, 0, 'WITHSCORES')).toEqual(['d', '1000000000000000']);
    expect(await c.zpopmin(z)).toEqual(['e', '-3']);
    expect(await c.zremrangebyscore(z, '-inf', '(2')).toBe(1);
    const lex = key('lex');
    await c.zadd(lex, 0, 'apple', 0, 'banana', 0, 'cherry', 0, 'date');
    expect(await c.zlexcount(lex, '[b', '(d')).toBe(2);
    expect(await c.zrangebylex(lex, '-', '[banana')).toEqual(['apple', 'banana']);
    expect(await c.zrangebylex(lex, '(banana', '+', 'LIMIT', 0, 1)).toEqual(['cherry']);
  });

  it('lists: LPUSH/RPOPLPUSH/LMOVE/LREM/LPOS/LRANGE/LTRIM', async () => {
    const c = backend.connect();
    const l = key('list');
    const d = key('dest');
    await c.lpush(l, 'a', 'b', 'c', 'b');
    expect(await c.lrange(l, 0, -1)).toEqual(['b', 'c', 'b', 'a']);
    expect(await c.rpoplpush(l, d)).toBe('a');
    expect(await c.lmove(l, d, 'LEFT', 'RIGHT')).toBe('b');
    expect(await c.lrange(d, 0, -1)).toEqual(['a', 'b']);
    expect(await c.lpos(l, 'b')).toBe(1);
    expect(await c.lrem(l, -1, 'b')).toBe(1);
    expect(await c.lrange(l, 0, -1)).toEqual(['c']);
    await c.rpush(d, 'x', 'y', 'z');
    await c.ltrim(d, 1, -2);
    expect(await c.lrange(d, 0, -1)).toEqual(['b', 'x', 'y']);
  });

  it('TIME, INFO and CLIENT SETNAME/GETNAME/LIST', async () => {
    const c = backend.connect();
    const [seconds, micros] = await c.time();
    expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(5);
    expect(Number(micros)).toBeLessThan(1_000_000);
    const info = await c.info();
    expect(info).toMatch(/^redis_version:\d+\.\d+\.\d+\r?$/m);
    expect(info).toMatch(/^maxmemory_policy:noeviction\r?$/m);
    const name = key('client');
    expect(await c.client('SETNAME', name)).toBe('OK');
    expect(await c.client('GETNAME')).toBe(name);
    expect(await c.client('LIST')).toContain(`name=${name} `);
  });

  it('MULTI and pipelines return [error, result] per command', async () => {
    const c = backend.connect();
    const k = key('multi');
    const results = await c.multi().set(k, 'text').incr(k).get(k).exec();
    expect(results![0]).toEqual([null, 'OK']);
    expect(results![1]![0]).toBeInstanceOf(Error);
    expect((results![1]![0] as Error).message).toBe('ERR value is not an integer or out of range');
    expect(results![2]).toEqual([null, 'text']);
    const piped = await c
      .pipeline()
      .hset(k + 'h', 'f', 'v')
      .hgetall(k + 'h')
      .lpush(k, 'x')
      .exec();
    expect(piped![0]).toEqual([null, 1]);
    expect(piped![1]).toEqual([null, { f: 'v' }]);
    expect((piped![2]![0] as Error).message).toMatch(/^WRONGTYPE/);
  });

  it('stores binary values byte for byte and returns UTF-8 text as strings', async () => {
    const c = backend.connect();
    const k = key('bin');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await c.set(k, bytes);
    expect(Buffer.compare((await c.getBuffer(k))!, bytes)).toBe(0);
    expect(await c.strlen(k)).toBe(256);
    await c.hset(k + 'h', 'greeting', '你好, wörld');
    expect(await c.hget(k + 'h', 'greeting')).toBe('你好, wörld');
    expect(await c.hstrlen(k + 'h', 'greeting')).toBe(Buffer.byteLength('你好, wörld'));
  });

  it('expires keys (PX) and reports TTLs', async () => {
    const c = backend.connect();
    const k = key('ttl');
    // One transaction, so no delay between the two (a loaded machine) can let the key expire first.
    const replies = (await c.multi().set(k, 'v', 'PX', 80).pttl(k).exec())!;
    const [set, pttl] = replies.map(([, value]) => value);
    expect(set).toBe('OK');
    expect(pttl).toBeGreaterThan(0);
    expect(await c.ttl(k + 'none')).toBe(-2);
    await sleep(120);
    expect(await c.get(k)).toBeNull();
    expect(await c.exists(k)).toBe(0);
  });
});
