import { defineConfig } from 'vitest/config';

// Site tests. The examples have their own config and run with `npm run test:examples`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'site',
          include: ['test/unit/**/*.test.ts', 'test/content/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/preview-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium and one preview server are plenty for two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
