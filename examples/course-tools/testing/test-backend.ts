// Which Redis a test pass means: said once by the pass (tools/run-tests.ts, read by vitest.config.ts), checked
// by vitest-setup.ts, so a REDIS_URL left in the shell cannot turn the in-memory pass into a real-Redis one.
export type TestBackend = 'memory' | 'redis';

export const TEST_BACKEND_ENV = 'ASYNC_LAB_TEST_BACKEND';

export function testBackend(): TestBackend {
  const value = process.env[TEST_BACKEND_ENV] ?? 'memory';
  if (value !== 'memory' && value !== 'redis') {
    throw new Error(`${TEST_BACKEND_ENV} must be "memory" or "redis", not "${value}".`);
  }
  return value;
}

export function describeBackend(backend: TestBackend): string {
  return backend === 'memory' ? 'the in-memory Redis' : 'a real Redis';
}
