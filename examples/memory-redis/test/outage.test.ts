// A simulated outage of the in-memory server (src/outage.ts): what a real ioredis client does when its Redis
// stops, for demos in the browser. Not a parity test: a real server is stopped for real in
// 09-production/test/fail-fast.queue.test.ts, which runs the same story on both.
import { describe, expect, it } from 'vitest';
import { createConnection, MemoryRedis, OFFLINE_QUEUE_DISABLED, simulateOutage } from '../src/index.ts';

const port = () => 20_000 + Math.floor(Math.random() * 40_000);

describe('a simulated outage', () => {
  it('createConnection() waits for Redis by default; a producer can ask to fail fast instead', () => {
    const waits = createConnection({ url: 'memory' });
    const failsFast = createConnection({ url: 'memory', enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    expect(waits.options.maxRetriesPerRequest).toBeNull();
    expect(failsFast.options.maxRetriesPerRequest).toBe(1);
    expect(failsFast.options.enableOfflineQueue).toBe(false);
    waits.disconnect();
    failsFast.disconnect();
  });

  it('fails commands at once with enableOfflineQueue: false, and queues them otherwise until it ends', async () => {
    const p = port();
    const failsFast = new MemoryRedis({ port: p, enableOfflineQueue: false });
    const waits = new MemoryRedis({ port: p });
    await waits.set('kept', 'yes');
    if (failsFast.status !== 'ready') await new Promise((resolve) => failsFast.once('ready', resolve));
    const errors: string[] = [];
    waits.on('error', (error: Error) => errors.push(error.message));

    const outage = simulateOutage({ port: p });
    expect(waits.status).toBe('reconnecting');
    expect(errors).toEqual([`connect ECONNREFUSED localhost:${p} (a simulated outage of the in-memory Redis)`]);
    await expect(failsFast.get('kept')).rejects.toThrow(OFFLINE_QUEUE_DISABLED);
    let answered: string | null | undefined;
    const waiting = waits.get('kept').then((value) => (answered = value));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBeUndefined(); // still waiting

    outage.end();
    expect(waits.status).toBe('ready');
    await waiting;
    expect(answered).toBe('yes'); // and the data survived
    expect(await failsFast.get('kept')).toBe('yes');
    for (const c of [failsFast, waits]) c.disconnect();
  });

  it('fails a command sent before the connection is ready when there is no offline queue, as ioredis does', async () => {
    const c = new MemoryRedis({ port: port(), enableOfflineQueue: false });
    await expect(c.ping()).rejects.toThrow(OFFLINE_QUEUE_DISABLED);
    await new Promise((resolve) => c.once('ready', resolve));
    expect(await c.ping()).toBe('PONG');
    c.disconnect();
  });

  it('keeps a client that connects during the outage waiting until it ends', async () => {
    const p = port();
    const outage = simulateOutage({ port: p });
    const late = new MemoryRedis({ port: p });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(late.status).toBe('reconnecting');
    const reply = late.ping();
    outage.end();
    expect(await reply).toBe('PONG');
    late.disconnect();
  });

  it('lets a client quit during the outage, failing what it had waiting', async () => {
    const p = port();
    const c = new MemoryRedis({ port: p });
    await c.ping();
    const outage = simulateOutage({ port: p });
    const waiting = c.get('x');
    expect(await c.quit()).toBe('OK');
    await expect(waiting).rejects.toThrow('Connection is closed.');
    expect(c.status).toBe('end');
    outage.end();
  });

  it('says so when the server is already down', () => {
    const p = port();
    const outage = simulateOutage({ port: p });
    expect(() => simulateOutage({ port: p })).toThrow(`The in-memory Redis at localhost:${p} is already down.`);
    outage.end();
  });
});
