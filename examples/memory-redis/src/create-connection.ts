// The one door every example uses to get a Redis connection: real Redis when REDIS_URL is set,
// otherwise the in-memory server that runs inside this process (and inside a WebContainer).
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { MemoryRedis } from './memory-redis.ts';

export type ConnectionOptions = RedisOptions & {
  /** Force a backend instead of reading REDIS_URL: 'memory' or a redis:// URL. */
  url?: string;
};

/** What createConnection returns: an ioredis client (real or in-memory); BullMQ accepts either as `connection`. */
export type Connection = Redis;

function redisUrlFromEnv(): string | undefined {
  const env = typeof process !== 'undefined' ? process.env : undefined;
  const url = env?.REDIS_URL?.trim();
  return url ? url : undefined;
}

/**
 * Returns a client for BullMQ and for plain commands.
 * - REDIS_URL set (or `options.url` a redis:// URL): a real ioredis client.
 * - otherwise: an in-memory client; all in-memory clients with the same host/port share one data set.
 * Other options are ioredis options. `maxRetriesPerRequest` defaults to null (wait for Redis, as workers must);
 * a producer in an HTTP API passes `{ enableOfflineQueue: false, maxRetriesPerRequest: 1 }` to fail fast
 * while Redis is down; the in-memory client honours `enableOfflineQueue` during a simulated outage.
 */
export function createConnection(options: ConnectionOptions = {}): Connection {
  const { url: explicitUrl, ...redisOptions } = options;
  const url = explicitUrl ?? redisUrlFromEnv();
  if (url && url !== 'memory') {
    // By default a connection waits for Redis rather than give up (maxRetriesPerRequest: null): what BullMQ's
    // workers need for their blocking commands. A producer that should fail fast passes its own settings.
    return new Redis(url, { maxRetriesPerRequest: null, ...redisOptions });
  }
  return new MemoryRedis({ maxRetriesPerRequest: null, ...redisOptions });
}
