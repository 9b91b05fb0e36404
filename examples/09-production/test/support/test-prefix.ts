// Import this first: gives this test file (and the worker processes it starts, which inherit the
// environment) its own key prefix, so test files can share one real Redis.
import { randomUUID } from 'node:crypto';

process.env.QUEUE_PREFIX = `production-test-${randomUUID()}`;
