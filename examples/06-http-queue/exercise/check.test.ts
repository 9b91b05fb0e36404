// Checks exercise/<EXERCISE_DIR>/multiply-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { say } from '@async-lab/course-tools/say';
import { after, before, describe, it } from 'node:test';
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import Fastify from 'fastify';
import type { MultiplyJob } from './solution/multiply-route.ts';

const { multiplyRoute } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/multiply-route.ts`
)) as typeof import('./solution/multiply-route.ts');

const connection = createConnection();
const name = `exercise-multiply-${randomUUID()}`;
const queue = new Queue<MultiplyJob, number>(name, { connection });
const queueEvents = new QueueEvents(name, { connection });
const app = Fastify();
multiplyRoute(app, queue);

before(() => queueEvents.waitUntilReady());
after(async () => {
  await app.close();
  await queueEvents.close();
  await queue.close();
  await connection.quit();
});

const multiply = (payload: object) => app.inject({ method: 'POST', url: '/multiply', payload });

describe('POST /multiply', () => {
  it(say('answers 202 with a taskId', '返回 202 和 taskId'), async () => {
    const response = await multiply({ x: 6, y: 7 });
    assert.equal(
      response.statusCode,
      202,
      say('status code (202 Accepted: queued, not done)', '状态码（202 Accepted：已入队，还没完成）'),
    );
    assert.equal(
      typeof response.json().taskId,
      'string',
      say('type of the taskId in the answer', '响应里 taskId 的类型'),
    );
  });

  it(
    say(
      'queues a "multiply" job with {x, y} that a worker turns into x × y',
      '把带 {x, y} 的“multiply”任务放进队列，worker 把它算成 x × y',
    ),
    async () => {
      const response = await multiply({ x: 1.5, y: 4 });
      const job = await queue.getJob(response.json().taskId);
      assert.equal(job?.name, 'multiply', say('name of the queued job', '入队任务的名字'));
      assert.deepEqual(job?.data, { x: 1.5, y: 4 }, say('data of the queued job', '入队任务的数据'));
      const worker = new Worker<MultiplyJob, number>(name, async ({ data }) => data.x * data.y, { connection });
      try {
        assert.equal(await job!.waitUntilFinished(queueEvents), 6, say('the worker’s result', 'worker 的结果'));
      } finally {
        await worker.close();
      }
    },
  );

  it(say('keeps unknown fields out of the queue', '未知字段不进入队列'), async () => {
    const response = await multiply({ x: 6, y: 7, admin: true });
    const job = await queue.getJob(response.json().taskId);
    assert.deepEqual(job?.data, { x: 6, y: 7 }, say('data of the queued job', '入队任务的数据'));
  });

  for (const [payload, message] of [
    [{ x: 'six', y: 7 }, 'body/x must be number'],
    [{ x: 6 }, "body must have required property 'y'"],
  ] as const) {
    it(
      say(
        `answers 400 to ${JSON.stringify(payload)}, and queues nothing`,
        `对 ${JSON.stringify(payload)} 返回 400，不放入任何任务`,
      ),
      async () => {
        const waiting = await queue.count();
        const response = await multiply(payload);
        assert.equal(response.statusCode, 400, say('status code', '状态码'));
        assert.equal(response.json().message, message, say('error message', '错误信息'));
        assert.equal(await queue.count(), waiting, say('jobs waiting in the queue', '队列中等待的任务'));
      },
    );
  }
});
