import { defineConfig } from 'vitest/config';

// Site tests. The examples have their own config and run with `npm run test:examples`.
// They run the examples on the in-memory Redis (the local runner, recordings), as a reader's browser does: a
// REDIS_URL left in the shell must not send those runs to a Redis that may hold other data. Recordings that
// need a real Redis start their own (scripts/lib/record.ts).
delete process.env.REDIS_URL;

export default defineConfig({
  test: {
    // One file at a time in each project. `npm run test:site` runs the two projects side by side, as two vitest
    // processes, so two files run at once on two cores: a site test beside an e2e test in Chromium. (One vitest
    // process runs projects limited to one file at a time one after the other.) Most site tests wait on child
    // processes (examples run on several Nodes, npm installs of the downloads, recordings), and every timing they
    // check is built to hold with two suites sharing two cores.
    maxWorkers: 1,
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
          // it.concurrent tests (axe on the lesson pages) two at a time.
          maxConcurrency: 2,
        },
      },
    ],
  },
});
