// Public API of @async-lab/memory-redis.
export { createConnection } from './create-connection.ts';
export type { Connection, ConnectionOptions } from './create-connection.ts';
export { MemoryRedis } from './memory-redis.ts';
export { simulateOutage, OFFLINE_QUEUE_DISABLED } from './outage.ts';
export type { Outage } from './outage.ts';
