// The in-memory Redis client: an ioredis-compatible class built on ioredis-mock.
import RedisMock from 'ioredis-mock';

export class MemoryRedis extends RedisMock {}
