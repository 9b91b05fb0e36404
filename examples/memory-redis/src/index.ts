// Public API of @async-lab/memory-redis.
export { createConnection } from './create-connection.ts';
export type { Connection, ConnectionOptions } from './create-connection.ts';
export { MemoryRedis } from './memory-redis.ts';
