// Preloaded (`node --import`) into the programs a test starts, so their queues key under the test's own
// prefix (queue-isolation.ts). Does nothing without ASYNC_LAB_TEST_PREFIX: learners never load it.
import { isolateQueues, TEST_PREFIX_ENV } from './queue-isolation.ts';

const prefix = process.env[TEST_PREFIX_ENV];
if (prefix) isolateQueues(prefix);
