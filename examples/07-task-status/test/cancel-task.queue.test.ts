// POST /tasks/:id/cancel: a waiting task is removed, a running one is aborted through its AbortSignal (the
// request travels on the queue's event stream, so the worker may be in another process).
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import { cancelOnRequest } from '../src/cancel-requests.ts';

describe('POST /tasks/:id/cancel', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  async function setUp() {
    const queue = createAddQueue(connection, uniqueQueueName('cancel'));
    const queueEvents = new QueueEvents(queue.name, { connection });
    const app = buildApp(queue, queueEvents);
    toClose.push(app, queueEvents, queue);
    await queueEvents.waitUntilReady();
    const cancel = (id: string) => app.inject({ method: 'POST', url: `/tasks/${id}/cancel` });
    return { app, queue, queueEvents, cancel };
  }

  it('removes a task that is still waiting, and its event stream says "cancelled"', async () => {
    const { app, queue, cancel } = await setUp();
    const job = await queue.add('add', { x: 2, y: 3 }); // no worker: it waits
    const streamed = app.inject({ method: 'GET', url: `/task-events/${job.id}` });
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: `/task-status/${job.id}` })).statusCode)
      .toBe(200);
    const response = await cancel(job.id!);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'cancelled' });
    expect(await queue.getJob(job.id!)).toBeUndefined();
    expect((await streamed).body).toContain('event: cancelled\ndata: {"status":"cancelled"}');
  });

  it('aborts a running task: it fails with "cancelled by the user" and is not retried', async () => {
    const { queue, queueEvents, cancel } = await setUp();
    const worker = createAddWorker(connection, { name: queue.name, stepMs: 200 });
    const stopCancelling = await cancelOnRequest(worker, connection);
    toClose.unshift({ close: stopCancelling }, worker);
    const job = await queue.add('add', { x: 2, y: 3 }, { attempts: 3 });
    await new Promise((resolve) => worker.once('progress', resolve)); // it is running: 25% done
    const response = await cancel(job.id!);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'cancelling' });
    await expect(job.waitUntilFinished(queueEvents)).rejects.toThrow('cancelled by the user');
    const stored = (await queue.getJob(job.id!))!;
    expect(await stored.getState()).toBe('failed');
    expect(stored.attemptsMade).toBe(1);
    expect(stored.progress).not.toBe(100); // stopped part way
  });

  it('answers 409 for a finished task and 404 for an unknown one', async () => {
    const { queue, queueEvents, cancel } = await setUp();
    const worker = createAddWorker(connection, { name: queue.name, stepMs: 1 });
    toClose.unshift(worker);
    const job = await queue.add('add', { x: 2, y: 3 });
    await job.waitUntilFinished(queueEvents);
    const finished = await cancel(job.id!);
    expect(finished.statusCode).toBe(409);
    expect(finished.json().message).toBe(`Task ${job.id} has already completed; there is nothing to cancel.`);
    expect((await cancel('no-such-task')).statusCode).toBe(404);
  });
});
