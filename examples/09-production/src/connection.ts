// The one place this package opens Redis connections. createConnection() gives the in-memory Redis
// by default and a real one when REDIS_URL is set: nothing else in the package knows which.
import { createConnection } from '@async-lab/memory-redis';
import type { Redis } from 'ioredis';

export function connect(): Redis {
  return createConnection();
}
