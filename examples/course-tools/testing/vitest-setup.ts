// Runs before each test file of the examples (vitest `setupFiles`). It checks that the pass runs on the Redis
// it says it does, and keys this file's queues, and those of every program the file starts, under a prefix of
// their own (queue-isolation.ts), removed from a real Redis afterwards. Lesson code knows nothing of this.
import { createConnection, MemoryRedis } from '@async-lab/memory-redis';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { isolateQueues, newTestPrefix, removeTestKeys, TEST_PREFIX_ENV } from './queue-isolation.ts';
import { stopLeftoverScripts, withIsolationPreload } from './queue-test-kit.ts';
import { describeBackend, testBackend, type TestBackend } from './test-backend.ts';

const backend = testBackend();
// The exercise checker's limits (10 s a check, 50 s a run) are for a reader's machine; the exercise tests run
// beside a whole test suite, where a check of BullMQ retries can take longer without being wrong.
process.env.ASYNC_LAB_CHECK_TIMEOUT_MS ??= '60000';
process.env.ASYNC_LAB_CHECK_RUN_TIMEOUT_MS ??= '110000';
const testPrefix = newTestPrefix();
isolateQueues(testPrefix);
process.env[TEST_PREFIX_ENV] = testPrefix;
// Programs this file starts itself (a worker process, the exercise checker) share its prefix. Only files that
// touch Redis (*.queue.test.ts) pay for preloading BullMQ into them.
if (/\.queue\.test\.ts$/.test(expect.getState().testPath ?? '')) {
  process.env.NODE_OPTIONS = withIsolationPreload(process.env.NODE_OPTIONS);
}

beforeAll(() => assertBackend(backend));
afterEach(stopLeftoverScripts);
afterAll(async () => {
  if (backend === 'redis') await removeTestKeys(process.env.REDIS_URL!, testPrefix);
});

/** Fails the file unless the connection lesson code gets (createConnection()) is the pass's backend. */
async function assertBackend(backend: TestBackend): Promise<void> {
  const url = process.env.REDIS_URL?.trim();
  if (backend === 'memory' && url) {
    throw new Error(`The in-memory pass must not see REDIS_URL (it is ${url}): run the tests with npm test.`);
  }
  if (backend === 'redis' && !url) throw new Error('The real-Redis pass needs REDIS_URL: run the tests with npm test.');
  const connection = createConnection();
  try {
    if (connection instanceof MemoryRedis !== (backend === 'memory')) {
      throw new Error(`This pass means ${describeBackend(backend)}, but createConnection() gave the other one.`);
    }
    await connection.ping(); // an unreachable real Redis fails here, by name, rather than in some later test
  } finally {
    connection.disconnect();
  }
}
