// Checks exercise/<EXERCISE_DIR>/load-dashboard.ts. Run with `npm run check` (or `npm run check -- --solution`).
import { describe, expect, it } from 'vitest';
import type { Loader } from './solution/load-dashboard.ts';
import { sleep } from '../src/sleep.ts';

const { loadDashboard } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/load-dashboard.ts`
)) as typeof import('./solution/load-dashboard.ts');

// A loader that records how many loaders are running at the same moment.
function tracked(value: string, ms: number, stats: { running: number; most: number }): Loader<string> {
  return async (signal) => {
    stats.running++;
    stats.most = Math.max(stats.most, stats.running);
    try {
      await sleep(ms, signal);
      return value;
    } finally {
      stats.running--;
    }
  };
}

describe('loadDashboard', () => {
  it('returns every result, in the loaders’ order', async () => {
    const stats = { running: 0, most: 0 };
    const loaders = [tracked('news', 30, stats), tracked('weather', 10, stats), tracked('stocks', 20, stats)];
    expect(await loadDashboard(loaders, 1000), 'results in the order of the loaders').toEqual([
      'news',
      'weather',
      'stocks',
    ]);
  });

  it('runs the loaders at the same time', async () => {
    const stats = { running: 0, most: 0 };
    await loadDashboard([tracked('a', 20, stats), tracked('b', 20, stats), tracked('c', 20, stats)], 1000);
    expect(stats.most, 'how many loaders were running at once (one by one gives 1)').toBe(3);
  });

  it('gives up with a TimeoutError when a loader is too slow', async () => {
    const slow: Loader<string> = (signal) => sleep(60_000, signal).then(() => 'too late');
    const outcome = await Promise.race([
      loadDashboard([slow], 50).then(
        () => 'resolved',
        (error: Error) => error.name,
      ),
      sleep(1000).then(() => 'still waiting after 1 s'),
    ]);
    expect(outcome, 'what loadDashboard did with a 50 ms timeout').toBe('TimeoutError');
  });

  it('tells the loaders to stop (their signal aborts) when it gives up', async () => {
    let seen: AbortSignal | undefined;
    const slow: Loader<string> = (signal) => {
      seen = signal;
      return sleep(60_000, signal).then(() => 'too late');
    };
    await Promise.race([loadDashboard([slow], 50).catch(() => undefined), sleep(1000)]);
    expect(seen?.aborted, 'the signal given to the loader is aborted after the timeout').toBe(true);
  });
});
