import { defineConfig } from 'vitest/config';

// One run covers every example package. Files named *.queue.test.ts talk to Redis:
// `npm run test:redis` runs just those again against a real redis-server.
export default defineConfig({
  test: {
    include: ['*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
