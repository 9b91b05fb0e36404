// The in-memory client's own contract (not a parity test: a real server cannot be "shared by port"
// inside one process): data shared per host/port, duplicate(), lifecycle, clear errors for what it lacks.
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { MemoryRedis, createConnection } from '../src/index.ts';

const port = () => 20_000 + Math.floor(Math.random() * 40_000);

describe('in-memory client', () => {
  it('shares one data set between clients with the same host and port, and with duplicate()', async () => {
    const p = port();
    const a = new MemoryRedis({ port: p });
    const b = new MemoryRedis({ port: p });
    const other = new MemoryRedis({ port: p + 1 });
    await a.set('shared', 'yes');
    expect(await b.get('shared')).toBe('yes');
    expect(await a.duplicate().get('shared')).toBe('yes');
    expect(await other.get('shared')).toBeNull();
    for (const c of [a, b, other]) c.disconnect();
  });

  it('createConnection() is in-memory without REDIS_URL and honours maxRetriesPerRequest: null', () => {
    const c = createConnection({ url: 'memory' });
    expect(c).toBeInstanceOf(MemoryRedis);
    expect(c.options.maxRetriesPerRequest).toBeNull();
    c.disconnect();
  });

  it('goes through connect → ready → close → end like ioredis', async () => {
    const c = new MemoryRedis({ port: port(), lazyConnect: true });
    expect(c.status).toBe('wait');
    const events: string[] = [];
    for (const e of ['connect', 'ready', 'close', 'end']) c.on(e, () => events.push(e));
    await c.connect();
    expect(c.status).toBe('ready');
    expect(await c.quit()).toBe('OK');
    expect(c.status).toBe('end');
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['connect', 'ready', 'close', 'end']);
    await expect(c.get('x')).rejects.toThrow('Connection is closed.');
  });

  it('rejects what it does not implement with a message that says what to do', async () => {
    const c = new MemoryRedis({ port: port() });
    await expect(c.watch('k')).rejects.toThrow(/unknown command 'watch'.*does not implement it.*REDIS_URL/);
    expect(() => new MemoryRedis({ keyPrefix: 'app:' })).toThrow(/does not support the keyPrefix option/);
    c.disconnect();
  });

  it('supports HSCAN and SSCAN with MATCH', async () => {
    const c = new MemoryRedis({ port: port() });
    await c.hset('h', 'job:1', 'a', 'job:2', 'b', 'other', 'c');
    await c.sadd('s', 'job:1', 'x');
    expect((await c.hscan('h', 0, 'MATCH', 'job:*', 'COUNT', 100))[1]).toEqual(['job:1', 'a', 'job:2', 'b']);
    expect((await c.sscan('s', 0, 'MATCH', 'job:*'))[1]).toEqual(['job:1']);
    c.disconnect();
  });

  it('has compiled the scripts a queue calls first by the time the queue is ready (no compile on first add)', async () => {
    const connection = new MemoryRedis({ port: port() });
    const queue = new Queue('warm', { connection });
    await queue.waitUntilReady();
    const add = [...connection.scripts].find(([name]) => name.startsWith('addStandardJob:'));
    expect(add, 'BullMQ defines addStandardJob').toBeDefined();
    expect(connection.serverKnowsScript(add![1].sha)).toBe(true);
    const rare = [...connection.scripts].find(([name]) => name.startsWith('obliterate:'));
    expect(connection.serverKnowsScript(rare![1].sha)).toBe(false); // compiled on first use
    await queue.close();
    connection.disconnect();
  });
});
