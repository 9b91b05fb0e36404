// `npm start`: the API with the worker in the same process. Then try `npm run client -- 2 3`.
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import { createAddQueue } from './add-queue.ts';
import { createAddWorker } from './add-worker.ts';
import { buildApp } from './app.ts';
import { cancelOnRequest } from './cancel-requests.ts';

const connection = createConnection();
const queue = createAddQueue(connection);
const queueEvents = new QueueEvents(queue.name, { connection }); // one listener for all SSE clients
await queueEvents.waitUntilReady();
// One second per step: time to watch the progress bar in the page at / and to press Cancel.
const worker = createAddWorker(connection, { stepMs: Number(process.env.STEP_MS ?? 1000) });
const stopCancelling = await cancelOnRequest(worker, connection); // POST /tasks/:id/cancel reaches this worker
const app = buildApp(queue, queueEvents);

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${address}`);
console.log(`open ${address}/ in a browser, or try: npm run client -- 2 3   or   curl -N ${address}/task-events/1`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close(); // Fastify waits for open event streams; they end when their task does
    await stopCancelling();
    await worker.close();
    await queueEvents.close();
    await queue.close();
    await connection.quit();
    console.log('stopped');
  });
}
