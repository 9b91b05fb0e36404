import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import { readTaskEvents } from '../src/read-task-events.ts';
import { uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

// Splits a text/event-stream body into { event, data } frames.
function frames(body: string) {
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => ({
      event: /^event: (.*)$/m.exec(frame)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null'),
    }));
}

describe('GET /task-events/:id (Server-Sent Events)', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  async function setUp() {
    const queue = createAddQueue(connection, uniqueQueueName('events'));
    const queueEvents = new QueueEvents(queue.name, { connection });
    const app = buildApp(queue, queueEvents);
    toClose.push(app, queueEvents, queue);
    await queueEvents.waitUntilReady();
    const submit = async (x: number, y: number) =>
      (await app.inject({ method: 'POST', url: '/add', payload: { x, y } })).json<{ taskId: string }>().taskId;
    const startWorker = () => toClose.unshift(createAddWorker(connection, { name: queue.name, stepMs: 5 }));
    const listening = () => queueEvents.listenerCount('completed');
    return { app, queue, queueEvents, submit, startWorker, listening };
  }

  it('streams every change of a task, from waiting to completed, then ends', async () => {
    const { app, submit, startWorker, listening } = await setUp();
    const id = await submit(2, 3);
    const before = listening();
    const streamed = app.inject({ method: 'GET', url: `/task-events/${id}` });
    await expect.poll(listening).toBe(before + 1); // the route is listening: now let the work begin
    startWorker();
    const response = await streamed;

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(frames(response.body)).toEqual([
      { event: 'waiting', data: { status: 'waiting', progress: 0 } },
      { event: 'active', data: { status: 'active' } },
      { event: 'progress', data: { status: 'active', progress: 25 } },
      { event: 'progress', data: { status: 'active', progress: 50 } },
      { event: 'progress', data: { status: 'active', progress: 75 } },
      { event: 'progress', data: { status: 'active', progress: 100 } },
      { event: 'completed', data: { status: 'completed', result: 5 } },
    ]);
    expect(listening()).toBe(before); // the stream ended and its listeners are gone
  });

  it('ends with the reason when the task fails', async () => {
    const { app, submit, startWorker, listening } = await setUp();
    const id = await submit(600, 700);
    const streamed = app.inject({ method: 'GET', url: `/task-events/${id}` });
    await expect.poll(listening).toBe(1);
    startWorker();
    expect(frames((await streamed).body).at(-1)).toEqual({
      event: 'failed',
      data: { status: 'failed', failedReason: "the sum 1300 is over this worker's limit of 1000" },
    });
  });

  it('sends a task that is already done as a single final frame', async () => {
    const { app, queue, queueEvents, submit, startWorker } = await setUp();
    const id = await submit(2, 3);
    startWorker();
    await (await queue.getJob(id))!.waitUntilFinished(queueEvents);
    const response = await app.inject({ method: 'GET', url: `/task-events/${id}` });
    expect(frames(response.body)).toEqual([{ event: 'completed', data: { status: 'completed', result: 5 } }]);
  });

  it('answers 404 with a clear message for an unknown id, and leaves no listener behind', async () => {
    const { app, listening } = await setUp();
    const response = await app.inject({ method: 'GET', url: '/task-events/no-such-task' });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe(
      'No task with id "no-such-task". Use the taskId that POST /add returned; finished tasks may have been removed.',
    );
    expect(listening()).toBe(0);
  });

  it('stops listening when the client disconnects before the task ends', async () => {
    const { app, submit, listening } = await setUp();
    const id = await submit(2, 3); // no worker: the task stays waiting, the stream stays open
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const disconnect = new AbortController();
    const events = readTaskEvents(`${address}/task-events/${id}`, disconnect.signal);

    expect((await events.next()).value).toEqual({ event: 'waiting', data: { status: 'waiting', progress: 0 } });
    expect(listening()).toBe(1);
    disconnect.abort();
    await expect(events.next()).rejects.toThrow();
    await expect.poll(listening).toBe(0);
  });

  it('ends open streams when the server closes, so shutdown is not held up', async () => {
    const { app, submit, listening } = await setUp();
    const id = await submit(2, 3); // no worker: without the shutdown hook this stream would never end
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const events = readTaskEvents(`${address}/task-events/${id}`);
    expect((await events.next()).value?.event).toBe('waiting');

    await app.close();
    expect((await events.next()).done).toBe(true);
    expect(listening()).toBe(0);
  });
});
