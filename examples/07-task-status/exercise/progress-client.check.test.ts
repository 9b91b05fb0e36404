// Checks exercise/<EXERCISE_DIR>/watch-task.ts (starter by default) against this lesson's real app, worker and
// Redis (in memory, or REDIS_URL). Run: npm run check:progress-client
// Node has no EventSource of its own before version 22 (and then only behind a flag): the checks give the
// browser's API to the code under test through the `eventsource` package, a standard EventSource for Node.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { say } from '@async-lab/course-tools/say';
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { EventSource } from 'eventsource';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import type { Outcome } from './solution/watch-task.ts';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;
const { watchTask } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/watch-task.ts`
)) as typeof import('./solution/watch-task.ts');

const connection = createConnection();
const queue = createAddQueue(connection, `exercise-watch-${randomUUID()}`);
const queueEvents = new QueueEvents(queue.name, { connection });
const worker = createAddWorker(connection, { name: queue.name, stepMs: 150 });
const app = buildApp(queue, queueEvents);
let apiUrl = '';
const sources: Array<{ close(): void }> = [];

before(async () => {
  await queueEvents.waitUntilReady();
  await worker.pause(); // each task starts once the client under test is following it
  apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
after(async () => {
  for (const source of sources) source.close();
  await app.close();
  await worker.close();
  await queueEvents.close();
  await queue.close();
  await connection.quit();
});

// Submits add(x, y), lets the exercise's watchTask follow it, and starts the work once it is listening.
async function watch(x: number, y: number, { start = true } = {}) {
  const job = await queue.add('add', { x, y });
  const seen = { progress: [] as number[], finished: [] as Outcome[] };
  const listening = queueEvents.listenerCount('progress');
  const source = watchTask(`${apiUrl}/task-events/${job.id}`, {
    progress: (percent) => void seen.progress.push(percent),
    finished: (outcome) => void seen.finished.push(outcome),
  });
  sources.push(source);
  for (let i = 0; i < 200 && queueEvents.listenerCount('progress') === listening; i++) await sleep(10);
  if (start) worker.resume();
  const ended = async (ms = 5000) => {
    for (let waited = 0; waited < ms && seen.finished.length === 0; waited += 20) await sleep(20);
  };
  return { job, seen, source, ended };
}

describe('watchTask', () => {
  it(say('shows every progress step of a task, then its result', '显示任务的每一步进度，然后显示结果'), async () => {
    const { seen, ended } = await watch(2, 3);
    await ended();
    await worker.pause();
    assert.deepEqual(seen.progress, [25, 50, 75, 100], say('progress the view was shown', '页面显示的进度'));
    assert.deepEqual(
      seen.finished,
      [{ status: 'completed', result: 5 }],
      say('what the view was told at the end', '结束时页面得到的结果'),
    );
  });

  it(say('shows a failed task with its reason', '显示失败的任务及其原因'), async () => {
    const { seen, ended } = await watch(600, 700);
    await ended();
    await worker.pause();
    assert.deepEqual(
      seen.finished,
      [{ status: 'failed', failedReason: "the sum 1300 is over this worker's limit of 1000" }],
      say('what the view was told at the end', '结束时页面得到的结果'),
    );
  });

  it(say('shows a task cancelled before it started', '显示开始之前就被取消的任务'), async () => {
    const { job, seen, ended } = await watch(2, 3, { start: false });
    await fetch(`${apiUrl}/tasks/${job.id}/cancel`, { method: 'POST' });
    await ended();
    assert.deepEqual(
      seen.finished,
      [{ status: 'cancelled' }],
      say('what the view was told at the end', '结束时页面得到的结果'),
    );
  });

  it(
    say(
      'keeps following through a dropped connection (EventSource reconnects by itself)',
      '连接断开后继续跟踪（EventSource 会自己重连）',
    ),
    async () => {
      const { seen, ended } = await watch(2, 3);
      for (let i = 0; i < 150 && seen.progress.length === 0; i++) await sleep(20);
      assert.notEqual(
        seen.progress.length,
        0,
        say(
          'progress shown within 3 s (needed before the connection can drop)',
          '3 秒内显示的进度（连接断开之前需要有进度）',
        ),
      );
      app.server.closeAllConnections(); // the network drops after the first progress event
      await ended(6000);
      await worker.pause();
      assert.deepEqual(
        seen.finished,
        [{ status: 'completed', result: 5 }],
        say('what the view was told at the end', '结束时页面得到的结果'),
      );
      assert.deepEqual(
        seen.progress,
        [25, 50, 75, 100],
        say('progress the view was shown (nothing missed, nothing twice)', '页面显示的进度（不漏、不重复）'),
      );
    },
  );

  it(
    say(
      'closes the EventSource once the task has ended, so it does not reconnect',
      '任务结束后关闭 EventSource，让它不再重连',
    ),
    async () => {
      const { source, ended } = await watch(2, 3);
      await ended();
      await worker.pause();
      assert.equal(
        source.readyState,
        EventSource.CLOSED,
        say('readyState after the end (2 is CLOSED)', '结束后的 readyState（2 表示 CLOSED）'),
      );
    },
  );
});
