import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import { uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

describe('POST /add', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  function setUp() {
    const queue = createAddQueue(connection, uniqueQueueName('add'));
    const app = buildApp(queue);
    toClose.push(app, queue);
    const post = (payload: unknown) => app.inject({ method: 'POST', url: '/add', payload: payload as object });
    return { queue, post };
  }

  it('answers 202 with a taskId at once; a worker then computes 5', async () => {
    const { queue, post } = setUp();
    const response = await post({ x: 2, y: 3 });
    expect(response.statusCode).toBe(202);
    const { taskId } = response.json<{ taskId: string }>();
    const job = (await queue.getJob(taskId))!;
    expect(job.data).toEqual({ x: 2, y: 3 });
    expect(await job.getState()).toBe('waiting'); // no worker yet: queued, not done

    const queueEvents = new QueueEvents(queue.name, { connection });
    toClose.unshift(queueEvents);
    await queueEvents.waitUntilReady();
    toClose.unshift(createAddWorker(connection, { name: queue.name, workMs: 0 }));
    expect(await job.waitUntilFinished(queueEvents)).toBe(5);
  });

  it('gives every request its own task id', async () => {
    const { post } = setUp();
    const ids = await Promise.all([1, 2, 3].map(async (x) => (await post({ x, y: 1 })).json().taskId));
    expect(new Set(ids).size).toBe(3);
  });

  it('strips unknown fields, so only x and y reach the queue', async () => {
    const { queue, post } = setUp();
    const { taskId } = (await post({ x: 2, y: 3, admin: true })).json();
    expect((await queue.getJob(taskId))?.data).toEqual({ x: 2, y: 3 });
  });

  it.each([
    [{ x: 2, y: 'three' }, 'body/y must be integer'],
    [{ x: 1.5, y: 3 }, 'body/x must be integer'],
    [{ x: 2 }, "body must have required property 'y'"],
    [[2, 3], 'body must be object'],
  ])('answers 400 to %j with a clear message, and queues nothing', async (payload, message) => {
    const { queue, post } = setUp();
    const response = await post(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'Bad Request', message });
    expect(await queue.count()).toBe(0);
  });
});
