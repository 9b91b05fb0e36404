import { defineConfig } from 'vitest/config';
import { TEST_BACKEND_ENV, testBackend } from './course-tools/testing/test-backend.ts';

// The examples' tests run in two passes (tools/run-tests.ts): every test on the in-memory Redis, then the
// files that touch Redis (*.queue.test.ts) again on a real redis-server. The pass names its backend in
// ASYNC_LAB_TEST_BACKEND; the in-memory pass drops a REDIS_URL left in the shell, so it cannot leak in.
// ASYNC_LAB_TEST_PACKAGE limits a run to one package (`npm test` inside it).
const backend = testBackend();
process.env[TEST_BACKEND_ENV] = backend;
if (backend === 'memory') delete process.env.REDIS_URL;
const packageGlob = process.env.ASYNC_LAB_TEST_PACKAGE ?? '*';

export default defineConfig({
  test: {
    include: [`${packageGlob}/test/**/*.${backend === 'memory' ? '' : 'queue.'}test.ts`],
    setupFiles: ['course-tools/testing/vitest-setup.ts'],
    // Limits for a test that hangs, not for speed: generous, so a busy machine (two suites at once on two cores)
    // does not turn slow into failed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
