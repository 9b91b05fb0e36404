// Checks exercise/<EXERCISE_DIR>/digest-job.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { say } from '@async-lab/course-tools/say';
import Fastify from 'fastify';

const { digestJob } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/digest-job.ts`
)) as typeof import('./solution/digest-job.ts');

// Fake time: advancing "a minute" takes no real time. reset() also drops the timers a check left behind.
beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: new Date(2026, 0, 5, 8, 0, 0) });
});
afterEach(() => mock.timers.reset());

/**
 * Moves fake time on by `ms`, 10 ms at a time, letting the promises the timers start settle in between
 * (as real time would). The steps are finer than anything these checks tell apart, and few enough to be quick.
 */
async function advance(ms: number) {
  for (let elapsed = 0; elapsed < ms; elapsed += 10) {
    mock.timers.tick(10);
    await new Promise((resolve) => setImmediate(resolve)); // setImmediate is left real for this
  }
}

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

describe('digestJob', () => {
  it(say('sends nothing before the server is ready', '服务器就绪之前什么都不发'), async () => {
    const { app, stats } = digestApp(10);
    await advance(60_000);
    assert.equal(
      stats.sent,
      0,
      say('digests sent in the minute before app.ready()', 'app.ready() 之前一分钟内发出的摘要'),
    );
    await app.close();
  });

  it(say('sends a digest every 10 seconds once the server is ready', '服务器就绪后每 10 秒发一份摘要'), async () => {
    const { app, stats } = digestApp(10);
    await app.ready();
    await advance(60_000);
    assert.equal(
      stats.sent,
      6,
      say('digests sent in the first minute after app.ready()', 'app.ready() 之后第一分钟内发出的摘要'),
    );
    await app.close();
  });

  it(say('stops sending when the server closes', '服务器关闭后停止发送'), async () => {
    const { app, stats } = digestApp(10);
    await app.ready();
    await advance(30_000);
    await app.close();
    const sentBeforeClose = stats.sent;
    await advance(60_000);
    assert.equal(
      stats.sent - sentBeforeClose,
      0,
      say('digests sent in the minute after app.close()', 'app.close() 之后一分钟内发出的摘要'),
    );
  });

  it(say('never runs two digests at the same time', '不会同时运行两份摘要'), async () => {
    const { app, stats } = digestApp(1, 2500); // each digest takes 2.5 s, scheduled every second
    await app.ready();
    await advance(10_000);
    await app.close();
    assert.equal(stats.mostAtOnce, 1, say('digests running at the same moment', '同一时刻运行的摘要数'));
  });
});
