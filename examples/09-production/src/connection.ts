// The one place this package opens Redis connections. createConnection() gives the in-memory Redis
// by default and a real one when REDIS_URL is set: nothing else in the package knows which.
import { createConnection } from '@async-lab/memory-redis';
import type { Redis } from 'ioredis';

export function connect(): Redis {
  return createConnection();
}

// Producers and workers want opposite things while Redis is down.
/** Code that only adds jobs (an HTTP API): fail at once, so the API can answer 503 instead of hanging. */
export const producerSettings = { enableOfflineQueue: false, maxRetriesPerRequest: 1 };
/** Workers (and QueueEvents): wait until Redis is back; BullMQ requires this for its blocking commands. */
export const workerSettings = { maxRetriesPerRequest: null };

export function connectProducer(url?: string): Redis {
  return createConnection({ url, ...producerSettings });
}

export function connectWorker(url?: string): Redis {
  return createConnection({ url, ...workerSettings });
}
