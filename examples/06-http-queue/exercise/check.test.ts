// Checks exercise/<EXERCISE_DIR>/multiply-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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
  it('answers 202 with a taskId', async () => {
    const response = await multiply({ x: 6, y: 7 });
    assert.equal(response.statusCode, 202, 'status code (202 Accepted: queued, not done)');
    assert.equal(typeof response.json().taskId, 'string', 'type of the taskId in the answer');
  });

  it('queues a "multiply" job with {x, y} that a worker turns into x × y', async () => {
    const response = await multiply({ x: 1.5, y: 4 });
    const job = await queue.getJob(response.json().taskId);
    assert.equal(job?.name, 'multiply', 'name of the queued job');
    assert.deepEqual(job?.data, { x: 1.5, y: 4 }, 'data of the queued job');
    const worker = new Worker<MultiplyJob, number>(name, async ({ data }) => data.x * data.y, { connection });
    try {
      assert.equal(await job!.waitUntilFinished(queueEvents), 6, 'the worker’s result');
    } finally {
      await worker.close();
    }
  });

  it('keeps unknown fields out of the queue', async () => {
    const response = await multiply({ x: 6, y: 7, admin: true });
    const job = await queue.getJob(response.json().taskId);
    assert.deepEqual(job?.data, { x: 6, y: 7 }, 'data of the queued job');
  });

  for (const [payload, message] of [
    [{ x: 'six', y: 7 }, 'body/x must be number'],
    [{ x: 6 }, "body must have required property 'y'"],
  ] as const) {
    it(`answers 400 to ${JSON.stringify(payload)}, and queues nothing`, async () => {
      const waiting = await queue.count();
      const response = await multiply(payload);
      assert.equal(response.statusCode, 400, 'status code');
      assert.equal(response.json().message, message, 'error message');
      assert.equal(await queue.count(), waiting, 'jobs waiting in the queue');
    });
  }
});
