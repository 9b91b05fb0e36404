import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/in-process/app.ts';

// Fake time: croner's timers and Date move only when we advance them, so "an hour" takes no real time.
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 0, 5, 8, 0, 0)); // a Monday, 08:00:00 local time
});
afterEach(() => vi.useRealTimers());

async function start(app: ReturnType<typeof buildApp>) {
  const ready = app.ready();
  await vi.advanceTimersByTimeAsync(0);
  await ready;
}

function logCollector() {
  const lines: Array<{ level: number; msg: string }> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

describe('in-process scheduler (croner + Fastify lifecycle)', () => {
  it('runs an interval job only between onReady and onClose', async () => {
    const run = vi.fn();
    const app = buildApp([{ name: 'cleanup', schedule: { everySeconds: 10 }, run }]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).not.toHaveBeenCalled(); // not started before the server is ready

    await start(app);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(6); // at 08:00:10, 08:00:20 … 08:01:00

    const runsBeforeClose = run.mock.calls.length;
    await app.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(runsBeforeClose); // stopped with the server
  });

  it('runs a cron-expression job at the times it names', async () => {
    const ranAt: string[] = [];
    const app = buildApp([
      {
        name: 'morning-report',
        schedule: { cron: '0 30 9 * * *' }, // every day at 09:30:00
        run: () => void ranAt.push(new Date().toTimeString().slice(0, 8)),
      },
    ]);
    await start(app);
    await vi.advanceTimersByTimeAsync(90 * 60_000 - 1000); // 09:29:59
    expect(ranAt).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000); // 09:30:00
    expect(ranAt).toEqual(['09:30:00']);
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(ranAt).toEqual(['09:30:00', '09:30:00']);
    await app.close();
  });

  it('never overlaps runs: a busy job skips ticks, and each skip is logged', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let finished = 0;
    const log = logCollector();
    const app = buildApp(
      [
        {
          name: 'slow-report',
          schedule: { cron: '* * * * * *' },
          run: async () => {
            mostAtOnce = Math.max(mostAtOnce, ++running);
            await new Promise((resolve) => setTimeout(resolve, 2500));
            running--;
            finished++;
          },
        },
      ],
      { level: 'warn', stream: log.stream },
    );
    await start(app);
    await vi.advanceTimersByTimeAsync(10_000);
    await app.close();

    expect(mostAtOnce).toBe(1);
    expect(finished).toBeGreaterThanOrEqual(2);
    expect(log.lines.some((l) => l.msg === 'job slow-report: tick skipped, previous run still busy')).toBe(true);
  });

  it('logs a failing run with its error and keeps the schedule going', async () => {
    let attempts = 0;
    const log = logCollector();
    const app = buildApp(
      [
        {
          name: 'sync-prices',
          schedule: { everySeconds: 1 },
          run: () => {
            attempts++;
            throw new Error('price feed unreachable');
          },
        },
      ],
      { level: 'error', stream: log.stream },
    );
    await start(app);
    await vi.advanceTimersByTimeAsync(3_000);
    await app.close();

    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(log.lines[0]).toMatchObject({ level: 50, msg: 'job sync-prices failed: price feed unreachable' });
  });

  it('GET /jobs lists the scheduled jobs with their next run', async () => {
    const app = buildApp([{ name: 'morning-report', schedule: { cron: '0 30 9 * * *' }, run: () => {} }]);
    await start(app);
    const response = await app.inject('/jobs');
    expect(response.json()).toEqual([
      {
        name: 'morning-report',
        schedule: { cron: '0 30 9 * * *' },
        nextRun: new Date(2026, 0, 5, 9, 30, 0).toISOString(),
        busy: false,
      },
    ]);
    await app.close();
  });

  it('two instances with in-process schedulers both run the job on every tick', async () => {
    const runsBy: string[] = [];
    const apps = ['A', 'B'].map((name) =>
      buildApp([{ name: 'daily-report', schedule: { cron: '0 0 9 * * *' }, run: () => void runsBy.push(name) }]),
    );
    for (const app of apps) await start(app);
    await vi.advanceTimersByTimeAsync(3600_000); // 09:00
    expect(runsBy.sort()).toEqual(['A', 'B']); // one tick, two reports
    for (const app of apps) await app.close();
  });
});
