// Checks exercise/<EXERCISE_DIR>/shutdown.ts (starter by default) on the in-memory Redis, or on a real
// one when REDIS_URL is set. Run: npm run check
import assert from 'node:assert/strict';
import { say } from '@async-lab/course-tools/say';
import { after, before, it } from 'node:test';
import { startWorker } from '../src/start-worker.ts';
import { openQueue } from '../src/work-queue.ts';

type ShutDown = typeof import('./solution/shutdown.ts').shutDownGracefully;
const { shutDownGracefully } = (await import(`./${process.env.EXERCISE_DIR ?? 'starter'}/shutdown.ts`)) as {
  shutDownGracefully: ShutDown;
};

const { queue, close } = openQueue();
const lines: string[] = [];
const { worker, connections } = startWorker('worker-1', { log: (line) => lines.push(line) });

before(async () => {
  await queue.obliterate({ force: true }); // start from an empty queue, even on a real Redis that ran the demos
  await queue.addBulk([1, 2].map((n) => ({ name: 'report', data: { ms: 300 }, opts: { jobId: `report-${n}` } })));
  await new Promise((resolve) => worker.once('active', resolve)); // report-1 is in hand
  await shutDownGracefully(worker, connections);
});

after(async () => {
  await new Promise((resolve) => setTimeout(resolve, 400)); // let an abandoned job run out before cleaning up
  await queue.obliterate({ force: true });
  await close();
  for (const connection of connections) if (connection.status !== 'end') connection.disconnect();
});

it(say('lets the active job finish before it returns', '返回之前让正在执行的任务做完'), async () => {
  assert.ok(
    lines.includes('worker-1 finished report-1'),
    say(
      `report-1 was started before the shutdown, so it should finish; the worker logged ${JSON.stringify(lines)}`,
      `report-1 在关闭前已开始，应当做完；worker 的日志是 ${JSON.stringify(lines)}`,
    ),
  );
  assert.equal(
    await (await queue.getJob('report-1'))?.getState(),
    'completed',
    say('report-1 should be completed', 'report-1 应已完成'),
  );
});

it(say('starts no new job once the shutdown has begun', '开始关闭后不再领取新任务'), async () => {
  assert.ok(
    !lines.includes('worker-1 started report-2'),
    say(
      `report-2 should stay queued for the next worker; the worker logged ${JSON.stringify(lines)}`,
      `report-2 应留在队列里给下一个 worker；worker 的日志是 ${JSON.stringify(lines)}`,
    ),
  );
  assert.equal(
    await (await queue.getJob('report-2'))?.getState(),
    'waiting',
    say('report-2 should still be waiting', 'report-2 应仍在等待'),
  );
});

it(
  say('closes every Redis connection, so the process can exit by itself', '关闭所有 Redis 连接，让进程可以自己退出'),
  () => {
    assert.deepEqual(
      connections.map((connection) => connection.status),
      connections.map(() => 'end'),
      say(
        'every connection should be closed (status "end"): call quit() on each',
        '每个连接都应已关闭（状态“end”）：对每个连接调用 quit()',
      ),
    );
  },
);
