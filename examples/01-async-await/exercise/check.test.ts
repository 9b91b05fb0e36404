// Checks exercise/<EXERCISE_DIR>/load-dashboard.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { say } from '@async-lab/course-tools/say';
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
  it(say('returns every result, in the loaders’ order', '按 loader 的顺序返回全部结果'), async () => {
    const stats = { running: 0, most: 0 };
    const loaders = [tracked('news', 30, stats), tracked('weather', 10, stats), tracked('stocks', 20, stats)];
    assert.deepEqual(
      await loadDashboard(loaders, 1000),
      ['news', 'weather', 'stocks'],
      say('results in the order of the loaders', '结果按 loader 的顺序排列'),
    );
  });

  it(say('runs the loaders at the same time', '同时运行所有 loader'), async () => {
    const stats = { running: 0, most: 0 };
    await loadDashboard([tracked('a', 20, stats), tracked('b', 20, stats), tracked('c', 20, stats)], 1000);
    assert.equal(
      stats.most,
      3,
      say('how many loaders were running at once (one by one gives 1)', '同时运行的 loader 数（一个接一个是 1）'),
    );
  });

  it(say('gives the loaders as long as timeoutMs says', '给 loader 的时间和 timeoutMs 一样长'), async () => {
    const stats = { running: 0, most: 0 };
    const outcome = await loadDashboard([tracked('report', 300, stats)], 3000).then(
      (results) => `resolved with ${JSON.stringify(results)}`,
      (error: Error) => `rejected with ${error.name}`,
    );
    assert.equal(
      outcome,
      'resolved with ["report"]',
      say('a 300 ms loader with timeoutMs = 3000', 'timeoutMs = 3000 时一个 300 毫秒的 loader'),
    );
  });

  it(say('gives up with a TimeoutError when a loader is too slow', 'loader 太慢时以 TimeoutError 放弃'), async () => {
    const slow: Loader<string> = (signal) =>
      sleep(60_000, AbortSignal.any([signal, checksDone.signal])).then(() => 'too late');
    const outcome = await Promise.race([
      loadDashboard([slow], 50).then(
        () => 'resolved',
        (error: Error) => error.name,
      ),
      giveUpAfter(1000, 'still waiting after 1 s'),
    ]);
    assert.equal(
      outcome,
      'TimeoutError',
      say('what loadDashboard did with a 50 ms timeout', '超时设为 50 毫秒时 loadDashboard 的结果'),
    );
  });

  it(
    say(
      'tells the loaders to stop (their signal aborts) when it gives up',
      '放弃时通知 loader 停下（它们的 signal 被中止）',
    ),
    async () => {
      let seen: AbortSignal | undefined;
      const slow: Loader<string> = (signal) => {
        seen = signal;
        return sleep(60_000, AbortSignal.any([signal, checksDone.signal])).then(() => 'too late');
      };
      await Promise.race([loadDashboard([slow], 50).catch(() => undefined), giveUpAfter(1000, undefined)]);
      assert.equal(
        seen?.aborted,
        true,
        say('the signal given to the loader is aborted after the timeout', '超时后传给 loader 的 signal 已中止'),
      );
    },
  );
});
