// `npm run demo`: server, worker and client in one process. Follows one task that completes and one
// that fails (push, over SSE), then asks for their status (pull) — and for a task that does not exist.
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { createAddQueue } from './add-queue.ts';
import { createAddWorker } from './add-worker.ts';
import { buildApp } from './app.ts';
import { submitAndFollow } from './follow-task.ts';

const connection = createConnection();
const queue = createAddQueue(connection);
const queueEvents = new QueueEvents(queue.name, { connection });
await queueEvents.waitUntilReady();
const worker = createAddWorker(connection);
const app = buildApp(queue, queueEvents);
const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });

// Each task is submitted to a paused queue and the queue resumes once the client is listening:
// that way every run prints every step. (A client that connects late gets the current state first.)
const taskIds: string[] = [];
for (const numbers of [
  { x: 2, y: 3 },
  { x: 600, y: 700 },
]) {
  await queue.pause();
  const { taskId } = await submitAndFollow(apiUrl, numbers, async ({ event }) => {
    if (event === 'waiting') await queue.resume();
  });
  taskIds.push(taskId);
}

for (const id of [...taskIds, 'no-such-task']) {
  const response = await fetch(`${apiUrl}/task-status/${id}`);
  console.log(`GET /task-status/${id} → ${response.status} ${await response.text()}`);
}

await app.close();
await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
