// Permanently failed jobs: BullMQ keeps them, with the reason, so nothing fails silently.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { flakyAdd, type AddData } from './math-tasks.ts';

const queueName = 'math-failures';
const connection = createConnection();
const queue = new Queue<AddData, number>(queueName, { connection });
const queueEvents = new QueueEvents(queueName, { connection });
await queueEvents.waitUntilReady();

// flakyAdd needs 3 attempts; this job only gets 2, so its retries run out.
const tooFewAttempts = await queue.add('add', { x: 2, y: 3 }, { attempts: 2, backoff: 100 });
// Bad input: UnrecoverableError fails it on the first attempt, although 3 are allowed.
const badInput = await queue.add('add', { x: 2, y: 'three' } as unknown as AddData, { attempts: 3, backoff: 100 });
console.log(`queued job ${tooFewAttempts.id}: add(2, 3) with 2 attempts`);
console.log(`queued job ${badInput.id}: add(2, "three") with 3 attempts`);

const worker = new Worker<AddData, number>(queueName, flakyAdd, { connection });
await Promise.allSettled([tooFewAttempts, badInput].map((job) => job.waitUntilFinished(queueEvents)));

console.log('failed jobs stay in the queue, with their reason:');
const failed = await queue.getFailed();
failed.sort((a, b) => Number(a.id) - Number(b.id));
for (const job of failed) {
  console.log(`  job ${job.id} failed after ${job.attemptsMade} attempt(s): ${job.failedReason}`);
}
console.log(`job counts: ${JSON.stringify(await queue.getJobCounts('completed', 'failed'))}`);

await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
