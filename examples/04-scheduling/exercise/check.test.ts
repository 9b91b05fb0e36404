// Checks exercise/<EXERCISE_DIR>/digest-job.ts. Run with `npm run check` (or `npm run check -- --solution`).
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { digestJob } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/digest-job.ts`
)) as typeof import('./solution/digest-job.ts');

// Fake time: advancing "a minute" takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 0, 5, 8, 0, 0));
});
afterEach(() => vi.useRealTimers());

function digestApp(everySeconds: number, digestMs = 0) {
  const stats = { sent: 0, running: 0, mostAtOnce: 0 };
  const app = Fastify();
  digestJob(
    app,
    async () => {
      stats.mostAtOnce = Math.max(stats.mostAtOnce, ++stats.running);
      await new Promise((resolve) => setTimeout(resolve, digestMs));
      stats.running--;
      stats.sent++;
    },
    everySeconds,
  );
  return { app, stats };
}

async function ready(app: ReturnType<typeof Fastify>) {
  const done = app.ready();
  await vi.advanceTimersByTimeAsync(0);
  await done;
}

describe('digestJob', () => {
  it('sends nothing before the server is ready', async () => {
    const { app, stats } = digestApp(10);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stats.sent, 'digests sent in the minute before app.ready()').toBe(0);
    await app.close();
  });

  it('sends a digest every 10 seconds once the server is ready', async () => {
    const { app, stats } = digestApp(10);
    await ready(app);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stats.sent, 'digests sent in the first minute after app.ready()').toBe(6);
    await app.close();
  });

  it('stops sending when the server closes', async () => {
    const { app, stats } = digestApp(10);
    await ready(app);
    await vi.advanceTimersByTimeAsync(30_000);
    await app.close();
    const sentBeforeClose = stats.sent;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stats.sent - sentBeforeClose, 'digests sent in the minute after app.close()').toBe(0);
  });

  it('never runs two digests at the same time', async () => {
    const { app, stats } = digestApp(1, 2500); // each digest takes 2.5 s, scheduled every second
    await ready(app);
    await vi.advanceTimersByTimeAsync(10_000);
    await app.close();
    expect(stats.mostAtOnce, 'digests running at the same moment').toBe(1);
  });
});
