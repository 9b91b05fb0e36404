// Retries: flakyAdd fails twice, then succeeds on its third attempt. Nobody had to resubmit it.
import { createConnection } from '@async-lab/memory-redis';
import { once } from 'node:events';
import { Queue, Worker } from 'bullmq';
import { logWorkerEvents } from './log-worker-events.ts';
import { flakyAdd, type AddData } from './math-tasks.ts';
import { backoffDelay, retryWithBackoff } from './retry-options.ts';

const queueName = 'math-retries';
const connection = createConnection();
const queue = new Queue<AddData, number>(queueName, { connection });

const job = await queue.add('add', { x: 2, y: 3 }, retryWithBackoff);
console.log(`queued job ${job.id}: add(2, 3) with ${JSON.stringify(retryWithBackoff)}`);

const worker = new Worker<AddData, number>(queueName, flakyAdd, { connection });
logWorkerEvents(worker);
worker.on('failed', (job) => {
  if (job && job.attemptsMade < retryWithBackoff.attempts) {
    console.log(`             retry in ${backoffDelay(job.attemptsMade, retryWithBackoff.backoff.delay)} ms`);
  }
});

const [, result] = await once(worker, 'completed'); // a failed attempt is not the end: wait for success
console.log(`job ${job.id} finished: add(2, 3) = ${result}`);

await worker.close();
await queue.close();
await connection.quit();
