// Checks exercise/<EXERCISE_DIR>/load-dashboard.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Loader } from './solution/load-dashboard.ts';
import { sleep } from '../src/sleep.ts';

const { loadDashboard } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/load-dashboard.ts`
)) as typeof import('./solution/load-dashboard.ts');

// The slow loaders below sleep for a minute unless told to stop; a starter that never tells them would keep
// the checks running that long. This signal stops them once the checks are done.
const checksDone = new AbortController();
after(() => checksDone.abort());

// How long a check waits for loadDashboard (a Promise.race with this). Stopped with the slow loaders.
const giveUpAfter = <T>(ms: number, value: T) => delay(ms, value, { signal: checksDone.signal });

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
    assert.deepEqual(
      await loadDashboard(loaders, 1000),
      ['news', 'weather', 'stocks'],
      'results in the order of the loaders',
    );
  });

  it('runs the loaders at the same time', async () => {
    const stats = { running: 0, most: 0 };
    await loadDashboard([tracked('a', 20, stats), tracked('b', 20, stats), tracked('c', 20, stats)], 1000);
    assert.equal(stats.most, 3, 'how many loaders were running at once (one by one gives 1)');
  });

  it('gives the loaders as long as timeoutMs says', async () => {
    const stats = { running: 0, most: 0 };
    const outcome = await loadDashboard([tracked('report', 300, stats)], 3000).then(
      (results) => `resolved with ${JSON.stringify(results)}`,
      (error: Error) => `rejected with ${error.name}`,
    );
    assert.equal(outcome, 'resolved with ["report"]', 'a 300 ms loader with timeoutMs = 3000');
  });

  it('gives up with a TimeoutError when a loader is too slow', async () => {
    const slow: Loader<string> = (signal) =>
      sleep(60_000, AbortSignal.any([signal, checksDone.signal])).then(() => 'too late');
    const outcome = await Promise.race([
      loadDashboard([slow], 50).then(
        () => 'resolved',
        (error: Error) => error.name,
      ),
      giveUpAfter(1000, 'still waiting after 1 s'),
    ]);
    assert.equal(outcome, 'TimeoutError', 'what loadDashboard did with a 50 ms timeout');
  });

  it('tells the loaders to stop (their signal aborts) when it gives up', async () => {
    let seen: AbortSignal | undefined;
    const slow: Loader<string> = (signal) => {
      seen = signal;
      return sleep(60_000, AbortSignal.any([signal, checksDone.signal])).then(() => 'too late');
    };
    await Promise.race([loadDashboard([slow], 50).catch(() => undefined), giveUpAfter(1000, undefined)]);
    assert.equal(seen?.aborted, true, 'the signal given to the loader is aborted after the timeout');
  });
});
