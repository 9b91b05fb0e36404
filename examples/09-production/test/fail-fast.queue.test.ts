// Producers fail fast, workers wait: the redis-down demo, and the connection settings behind it, on the
// in-memory Redis (a simulated outage) and on a real one (a redis-server that really stops).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { connectProducer } from '../src/connection.ts';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const realRedis = Boolean(process.env.REDIS_URL);

describe('fail-fast producers', { timeout: 90_000 }, () => {
  it('redis-down: 503 at once while Redis is down, a waiting add() goes through later, the worker carries on', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['src/demos/redis-down.ts'], {
      cwd: pkgDir,
      timeout: 80_000,
    });
    const lines = stdout.replace(/\(\d+ ms\)/g, '(<ms>)').replace(/(127\.0\.0\.1|localhost):\d+/g, '<redis>');
    expect(lines).toBe(
      [
        realRedis
          ? "Redis: a redis-server of this demo's own at <redis> (the one in REDIS_URL is left alone)"
          : 'Redis: the in-memory Redis (a simulated outage)',
        'POST /reports → 202 {"taskId":"1"} (<ms>)',
        '  worker: report 1 done',
        '— Redis goes down',
        '  worker: lost Redis, waiting for it (it tries to reconnect)',
        'POST /reports → 503 {"error":"queue-unavailable","message":"The job queue cannot be reached right now; nothing was queued. Try again in a few seconds."} (<ms>)',
        "add() with a worker's settings after 2 s: still waiting",
        '— Redis is back',
        'the waiting add() went through: job 2 (its caller may have given up long ago)',
        '  worker: report 2 done',
        'POST /reports → 202 {"taskId":"3"} (<ms>)',
        '  worker: report 3 done',
        '',
      ].join('\n'),
    );
  });

  it("a worker refuses a producer's connection: its blocking commands must wait for Redis", async () => {
    const producer = connectProducer();
    // With no offline queue, even a command sent before the connection is ready fails: wait for it.
    if (producer.status !== 'ready') await once(producer, 'ready');
    try {
      expect(() => new Worker('refused', async () => {}, { connection: producer })).toThrow(
        'BullMQ: Your redis options maxRetriesPerRequest must be null.',
      );
    } finally {
      await producer.quit();
    }
  });
});
