// `npm run demo:reconnect`: what EventSource does for a browser, step by step. A client follows a task, loses
// its connection after the first progress event, and reconnects with Last-Event-ID: it gets what it missed,
// nothing twice. Then two tasks are cancelled: one still waiting, one a worker is running.
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { createAddQueue } from './add-queue.ts';
import { createAddWorker } from './add-worker.ts';
import { buildApp } from './app.ts';
import { cancelOnRequest } from './cancel-requests.ts';
import { readTaskEvents, type TaskEvent } from './read-task-events.ts';

const connection = createConnection();
const queue = createAddQueue(connection);
const queueEvents = new QueueEvents(queue.name, { connection });
await queueEvents.waitUntilReady();
const worker = createAddWorker(connection, { stepMs: 500 });
const stopCancelling = await cancelOnRequest(worker, connection);
const app = buildApp(queue, queueEvents);
const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });

const submit = async (x: number, y: number) => {
  const response = await fetch(`${apiUrl}/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ x, y }),
  });
  return ((await response.json()) as { taskId: string }).taskId;
};
function describe({ event, data, id }: TaskEvent): string {
  const what =
    event === 'progress'
      ? `progress ${data.progress}%`
      : event === 'completed'
        ? `completed, result ${data.result}`
        : data.failedReason
          ? `${event}: ${data.failedReason}`
          : event;
  return id ? `${what}  (id ${id})` : what;
}

console.log('— a dropped connection');
await worker.pause(); // each task waits until the client follows it, so every run prints every step
const id = await submit(2, 3);
const dropped = new AbortController();
let lastEventId: string | undefined;
for await (const taskEvent of readTaskEvents(`${apiUrl}/task-events/${id}`, dropped.signal)) {
  console.log(`  task ${id}: ${describe(taskEvent)}`);
  if (taskEvent.event === 'waiting') worker.resume();
  lastEventId = taskEvent.id ?? lastEventId;
  if (taskEvent.event === 'progress') break; // the connection drops here
}
dropped.abort();
console.log(`  … connection lost; reconnecting with Last-Event-ID: ${lastEventId}`);
for await (const taskEvent of readTaskEvents(`${apiUrl}/task-events/${id}`, undefined, lastEventId)) {
  console.log(`  task ${id}: ${describe(taskEvent)}`);
}

console.log('— cancelling');
await worker.pause();
const waiting = await submit(4, 5);
const cancelWaiting = await fetch(`${apiUrl}/tasks/${waiting}/cancel`, { method: 'POST' });
console.log(`  POST /tasks/${waiting}/cancel → ${cancelWaiting.status} ${await cancelWaiting.text()}`);
const running = await submit(6, 7);
for await (const taskEvent of readTaskEvents(`${apiUrl}/task-events/${running}`)) {
  console.log(`  task ${running}: ${describe(taskEvent)}`);
  if (taskEvent.event === 'waiting') worker.resume();
  if (taskEvent.event === 'active') {
    const cancel = await fetch(`${apiUrl}/tasks/${running}/cancel`, { method: 'POST' });
    console.log(`  POST /tasks/${running}/cancel → ${cancel.status} ${await cancel.text()}`);
  }
}

await app.close();
await stopCancelling();
await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
