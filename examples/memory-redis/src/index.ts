// Public API of @async-lab/memory-redis.
// Every queue example opens Redis through this package, so it is where the course site's queue panel hooks in:
// with ASYNC_LAB_TRACE=1 the jobs' moves are printed as trace lines; without it this import does nothing.
import '@async-lab/course-tools/trace-when-asked';
export { createConnection } from './create-connection.ts';
export type { Connection, ConnectionOptions } from './create-connection.ts';
export { MemoryRedis } from './memory-redis.ts';
export { simulateOutage, OFFLINE_QUEUE_DISABLED } from './outage.ts';
export type { Outage } from './outage.ts';
