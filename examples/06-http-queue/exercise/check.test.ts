// Checks exercise/<EXERCISE_DIR>/multiply-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import { randomUUID } from 'node:crypto';
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(() => queueEvents.waitUntilReady());
afterAll(async () => {
  await app.close();
  await queueEvents.close();
  await queue.close();
  await connection.quit();
});

const multiply = (payload: object) => app.inject({ method: 'POST', url: '/multiply', payload });

describe('POST /multiply', () => {
  it('answers 202 with a taskId', async () => {
    const response = await multiply({ x: 6, y: 7 });
    expect(response.statusCode, 'status code (202 Accepted: queued, not done)').toBe(202);
    expect(response.json().taskId, 'taskId in the answer').toEqual(expect.any(String));
  });

  it('queues a "multiply" job with {x, y} that a worker turns into x × y', async () => {
    const response = await multiply({ x: 1.5, y: 4 });
    const job = await queue.getJob(response.json().taskId);
    expect(job?.name, 'name of the queued job').toBe('multiply');
    expect(job?.data, 'data of the queued job').toEqual({ x: 1.5, y: 4 });
    const worker = new Worker<MultiplyJob, number>(name, async ({ data }) => data.x * data.y, { connection });
    try {
      expect(await job!.waitUntilFinished(queueEvents), 'the worker’s result').toBe(6);
    } finally {
      await worker.close();
    }
  });

  it('keeps unknown fields out of the queue', async () => {
    const response = await multiply({ x: 6, y: 7, admin: true });
    const job = await queue.getJob(response.json().taskId);
    expect(job?.data, 'data of the queued job').toEqual({ x: 6, y: 7 });
  });

  it.each([
    [{ x: 'six', y: 7 }, 'body/x must be number'],
    [{ x: 6 }, "body must have required property 'y'"],
  ])('answers 400 to %j, and queues nothing', async (payload, message) => {
    const before = await queue.count();
    const response = await multiply(payload);
    expect(response.statusCode, 'status code').toBe(400);
    expect(response.json().message, 'error message').toBe(message);
    expect(await queue.count(), 'jobs waiting in the queue').toBe(before);
  });
});
