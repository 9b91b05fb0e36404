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
 */
export function createConnection(options: ConnectionOptions = {}): Connection {
  const { url: explicitUrl, ...redisOptions } = options;
  const url = explicitUrl ?? redisUrlFromEnv();
  if (url && url !== 'memory') {
    // BullMQ's blocking commands need ioredis to keep retrying forever rather than give up.
    return new Redis(url, { ...redisOptions, maxRetriesPerRequest: null });
  }
  return new MemoryRedis({ ...redisOptions, maxRetriesPerRequest: null });
}
