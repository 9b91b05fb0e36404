import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents, Worker } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import { uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

describe('GET /task-status/:id', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  async function setUp() {
    const queue = createAddQueue(connection, uniqueQueueName('status'));
    const queueEvents = new QueueEvents(queue.name, { connection });
    const app = buildApp(queue, queueEvents);
    toClose.push(app, queueEvents, queue);
    await queueEvents.waitUntilReady();
    const submit = async (x: number, y: number) =>
      (await app.inject({ method: 'POST', url: '/add', payload: { x, y } })).json<{ taskId: string }>().taskId;
    const status = (id: string) => app.inject({ method: 'GET', url: `/task-status/${id}` });
    const startWorker = () => toClose.unshift(createAddWorker(connection, { name: queue.name, stepMs: 1 }));
    return { queue, queueEvents, submit, status, startWorker };
  }

  it('reports a task nobody has worked on yet as waiting', async () => {
    const { submit, status } = await setUp();
    const id = await submit(2, 3);
    const response = await status(id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id, status: 'waiting', result: null, progress: 0, failedReason: null });
  });

  it('never reports a task completed without its result when it completes while the route reads it', async () => {
    const { queue, submit, status } = await setUp();
    const id = await submit(2, 3);
    // A worker takes the task by hand, and completes it right after the route has read the job from Redis.
    const worker = new Worker(queue.name, null, { connection, autorun: false });
    toClose.push(worker);
    const token = 'a-worker-token';
    const taken = (await worker.getNextJob(token))!;
    const getJob = queue.getJob.bind(queue);
    queue.getJob = async (jobId) => {
      const read = await getJob(jobId);
      await taken.moveToCompleted(5, token, false);
      return read;
    };
    const body = (await status(id)).json();
    // What the route saw before the task completed, or after: never half of each.
    expect(body).toMatchObject(body.status === 'completed' ? { result: 5 } : { status: 'active', result: null });
    expect(await queue.getJobState(id)).toBe('completed');
  });

  it('reports the result and full progress of a completed task', async () => {
    const { queue, queueEvents, submit, status, startWorker } = await setUp();
    const id = await submit(2, 3);
    startWorker();
    await (await queue.getJob(id))!.waitUntilFinished(queueEvents);
    expect((await status(id)).json()).toEqual({
      id,
      status: 'completed',
      result: 5,
      progress: 100,
      failedReason: null,
    });
  });

  it('reports why a failed task failed, and how far it got', async () => {
    const { queue, queueEvents, submit, status, startWorker } = await setUp();
    const id = await submit(600, 700);
    startWorker();
    await (await queue.getJob(id))!.waitUntilFinished(queueEvents).catch(() => undefined);
    expect((await status(id)).json()).toEqual({
      id,
      status: 'failed',
      result: null,
      progress: 75,
      failedReason: "the sum 1300 is over this worker's limit of 1000",
    });
  });

  it('answers 404 with a clear message for an unknown id', async () => {
    const { status } = await setUp();
    const response = await status('no-such-task');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message:
        'No task with id "no-such-task". Use the taskId that POST /add returned; finished tasks may have been removed.',
    });
  });
});
