// One process: API and worker side by side. Requests go in through app.inject(), no network needed.
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { createAddQueue } from './add-queue.ts';
import { createAddWorker } from './add-worker.ts';
import { buildApp } from './app.ts';

const connection = createConnection();
const queue = createAddQueue(connection);
const queueEvents = new QueueEvents(queue.name, { connection });
await queueEvents.waitUntilReady();
const worker = createAddWorker(connection);
const app = buildApp(queue);

const taskIds: string[] = [];
for (const body of [{ x: 2, y: 3 }, { x: 2, y: 'three' }, { x: 2 }]) {
  const response = await app.inject({ method: 'POST', url: '/add', payload: body });
  const answer = response.json<{ taskId?: string; message?: string }>();
  console.log(`POST /add ${JSON.stringify(body)} → ${response.statusCode} ${answer.message ?? JSON.stringify(answer)}`);
  if (answer.taskId) taskIds.push(answer.taskId);
}

// Only the first request was queued. Its answer came back before the worker was done:
const job = (await queue.getJob(taskIds[0]!))!;
console.log(`task ${job.id} finished when the response came back? ${await job.isCompleted()}`);
console.log(`task ${job.id} result from the worker: ${await job.waitUntilFinished(queueEvents)}`);

await app.close();
await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
