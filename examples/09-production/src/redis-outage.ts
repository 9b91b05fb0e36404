// Takes Redis away and brings it back, for the fail-fast demo (src/demos/redis-down.ts) and its tests.
// Without REDIS_URL: a simulated outage of the in-memory Redis, the only Redis a browser can have.
// With REDIS_URL: a redis-server of the demo's own (yours is left alone), really stopped and started again on
// the same port, with an append-only file so it comes back with its data, as a production Redis should.
import { simulateOutage, type Outage } from '@async-lab/memory-redis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchRedisServer, type RealRedis } from '../../tools/redis-server.ts';
import { realRedis } from './backend.ts';

export interface RedisForOutage {
  /** What the demo's connections use: createConnection({ url }). */
  url: string;
  /** Which Redis goes down, for the reader. */
  description: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Ends the demo's own server (and any outage still going on). */
  close(): Promise<void>;
}

export async function redisForOutage(): Promise<RedisForOutage> {
  if (!realRedis) {
    let outage: Outage | undefined;
    return {
      url: 'memory',
      description: 'the in-memory Redis (a simulated outage)',
      stop: async () => void (outage = simulateOutage()),
      start: async () => outage?.end(),
      close: async () => outage?.end(),
    };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'async-lab-outage-'));
  let server: RealRedis | undefined = await launchRedisServer(port, { persist: true, dir });
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `a redis-server of this demo's own at 127.0.0.1:${port} (the one in REDIS_URL is left alone)`,
    stop: async () => {
      await server?.stop(); // SIGTERM: Redis writes its append-only file and exits
      server = undefined;
    },
    start: async () => void (server = await launchRedisServer(port, { persist: true, dir })),
    close: async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
