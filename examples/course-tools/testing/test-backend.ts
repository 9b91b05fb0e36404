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

/**
 * Whether tests that need to run once, not on each backend, run in this pass: the wrong solutions of the
 * exercises. Whether a checker tells a wrong solution from a right one is the checker's business, the same on
 * either Redis; the starter and the solution are still checked on both.
 */
export function onceAcrossBackends(): boolean {
  return testBackend() === 'memory';
}
