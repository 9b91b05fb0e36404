// Checks exercise/<EXERCISE_DIR>/task-result-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { say } from '@async-lab/course-tools/say';
import { after, before, describe, it } from 'node:test';
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents, type Worker } from 'bullmq';
import Fastify from 'fastify';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';

const { taskResultRoute } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/task-result-route.ts`
)) as typeof import('./solution/task-result-route.ts');

const connection = createConnection();
const queue = createAddQueue(connection, `exercise-result-${randomUUID()}`);
const queueEvents = new QueueEvents(queue.name, { connection });
const app = Fastify();
taskResultRoute(app, queue);
let worker: Worker | undefined;

before(() => queueEvents.waitUntilReady());
after(async () => {
  await app.close();
  await worker?.close();
  await queueEvents.close();
  await queue.close();
  await connection.quit();
});

// Runs one add job to its end with the lesson's worker (sums over 1000 fail).
async function finishedTask(x: number, y: number): Promise<string> {
  worker ??= createAddWorker(connection, { name: queue.name, stepMs: 1 });
  const job = await queue.add('add', { x, y });
  await job.waitUntilFinished(queueEvents).catch(() => undefined);
  return job.id!;
}
const result = (id: string) => app.inject({ method: 'GET', url: `/task-result/${id}` });

describe('GET /task-result/:id', () => {
  it(say('answers 200 with the result of a completed task', '对已完成的任务返回 200 和结果'), async () => {
    const response = await result(await finishedTask(2, 3));
    assert.equal(response.statusCode, 200, say('status code', '状态码'));
    assert.deepEqual(response.json(), { result: 5 }, say('body', '响应体'));
  });

  it(say('answers 202 with the status of a task that is not finished', '对未完成的任务返回 202 和状态'), async () => {
    await queue.pause(); // no worker will take it
    const job = await queue.add('add', { x: 1, y: 1 });
    const response = await result(job.id!);
    await queue.resume();
    assert.equal(response.statusCode, 202, say('status code', '状态码'));
    assert.deepEqual(response.json(), { status: 'waiting' }, say('body', '响应体'));
  });

  it(say('answers 409 with the reason when the task failed', '任务失败时返回 409 和原因'), async () => {
    const response = await result(await finishedTask(600, 700));
    assert.equal(response.statusCode, 409, say('status code', '状态码'));
    assert.equal(response.json().message, "the sum 1300 is over this worker's limit of 1000", say('message', '信息'));
  });

  it(
    say('answers 404 with a message naming the id when there is no such task', '没有这个任务时返回 404，信息里写出 id'),
    async () => {
      const response = await result('no-such-task');
      assert.equal(response.statusCode, 404, say('status code', '状态码'));
      assert.match(String(response.json().message), /no-such-task/, say('message', '信息'));
    },
  );
});
