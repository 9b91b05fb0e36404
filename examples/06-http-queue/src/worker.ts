// `npm run worker`: a worker process on its own. Run as many as you like, beside `npm run api`.
import { createConnection } from '@async-lab/memory-redis';
import { addQueueName } from './add-queue.ts';
import { createAddWorker } from './add-worker.ts';

if (!process.env.REDIS_URL) {
  console.log('note: without REDIS_URL this worker has its own in-memory Redis, which no other process can see.');
}
const connection = createConnection();
const worker = createAddWorker(connection);
worker.on('completed', (job, result) => console.log(`task ${job.id}: add(${job.data.x}, ${job.data.y}) = ${result}`));
worker.on('failed', (job, error) => console.log(`task ${job?.id} failed: ${error.message}`));
await worker.waitUntilReady();
console.log(`worker waiting for jobs on queue "${addQueueName}"`);

// Ctrl+C or `kill`: finish the running job, then exit (see 05-queue-basics/src/graceful-shutdown.ts).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await worker.close();
    await connection.quit();
    console.log('worker stopped');
  });
}
