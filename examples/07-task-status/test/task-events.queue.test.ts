import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import { readTaskEvents } from '../src/read-task-events.ts';
import { uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

// Splits a text/event-stream body into { event, data } frames (the ids are checked apart, in withIds).
function frames(body: string) {
  return withIds(body).map(({ event, data }) => ({ event, data }));
}
function withIds(body: string) {
  return body
    .split('\n\n')
    .filter((frame) => /^event: /m.test(frame)) // not the retry: line
    .map((frame) => ({
      id: /^id: (.*)$/m.exec(frame)?.[1],
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
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/task-events/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let body = '';
    while (!/^event: /m.test(body)) body += (await reader.read()).value ?? ''; // where the task is now
    startWorker(); // only now: the first frame must say "waiting"
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) body += chunk.value;

    expect(body.startsWith('retry: 1000\n\n'), 'tells the browser how soon to reconnect').toBe(true);
    // every live frame carries its id in the queue's event log; the first (where the task is now) has none
    expect(withIds(body).map((frame) => /^\d+-\d+$/.test(frame.id ?? ''))).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(frames(body)).toEqual([
      { event: 'waiting', data: { status: 'waiting', progress: 0 } },
      { event: 'active', data: { status: 'active' } },
      { event: 'progress', data: { status: 'active', progress: 25 } },
      { event: 'progress', data: { status: 'active', progress: 50 } },
      { event: 'progress', data: { status: 'active', progress: 75 } },
      { event: 'progress', data: { status: 'active', progress: 100 } },
      { event: 'completed', data: { status: 'completed', result: 5 } },
    ]);
    await expect.poll(listening).toBe(before); // the stream ended and its listeners are gone
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

describe('GET /task-events/:id after a dropped connection (Last-Event-ID)', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  it('sends only what came after the last event the client got: nothing missed, nothing twice', async () => {
    const queue = createAddQueue(connection, uniqueQueueName('resume'));
    const queueEvents = new QueueEvents(queue.name, { connection });
    const app = buildApp(queue, queueEvents);
    const worker = createAddWorker(connection, { name: queue.name, stepMs: 5 });
    toClose.push(worker, app, queueEvents, queue);
    await queueEvents.waitUntilReady();
    const job = await queue.add('add', { x: 2, y: 3 });
    await job.waitUntilFinished(queueEvents);

    // What a client that saw the task until "progress 25" missed: read from the queue's event log.
    const all = await app.inject({ method: 'GET', url: `/task-events/${job.id}`, headers: { 'last-event-id': '0-0' } });
    const everything = withIds(all.body);
    expect(everything.map((f) => f.event)).toEqual([
      'active',
      'progress',
      'progress',
      'progress',
      'progress',
      'completed',
    ]);
    const afterFirstProgress = everything[1]!.id!;
    const resumed = await app.inject({
      method: 'GET',
      url: `/task-events/${job.id}`,
      headers: { 'last-event-id': afterFirstProgress },
    });
    expect(frames(resumed.body)).toEqual([
      { event: 'progress', data: { status: 'active', progress: 50 } },
      { event: 'progress', data: { status: 'active', progress: 75 } },
      { event: 'progress', data: { status: 'active', progress: 100 } },
      { event: 'completed', data: { status: 'completed', result: 5 } },
    ]);
  });

  it('answers 400 to a Last-Event-ID the server never sent', async () => {
    const queue = createAddQueue(connection, uniqueQueueName('resume'));
    const queueEvents = new QueueEvents(queue.name, { connection });
    const app = buildApp(queue, queueEvents);
    toClose.push(app, queueEvents, queue);
    const job = await queue.add('add', { x: 2, y: 3 });
    const response = await app.inject({
      method: 'GET',
      url: `/task-events/${job.id}`,
      headers: { 'last-event-id': 'yesterday' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'Last-Event-ID "yesterday" is not an event id this server sent (they look like 1712345678901-0).',
    );
  });
});
