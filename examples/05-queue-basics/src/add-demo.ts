// The seed's Celery example in BullMQ: a producer puts add(2, 3) on a queue; a worker runs it.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { add, type AddData } from './math-tasks.ts';

const queueName = 'math';

// In-memory Redis by default; a real one when REDIS_URL is set. Queue, Worker and QueueEvents share it.
const connection = createConnection();
const queue = new Queue<AddData, number>(queueName, { connection });
const queueEvents = new QueueEvents(queueName, { connection }); // lets the producer wait for results
await queueEvents.waitUntilReady();

const job = await queue.add('add', { x: 2, y: 3 }); // Celery: add.delay(2, 3)
console.log(`queued job ${job.id}: add(2, 3), state: ${await job.getState()}`);

// No worker has started yet, so the job just waits in Redis. Start one:
const worker = new Worker<AddData, number>(queueName, add, { connection });
console.log('worker started');

const result = await job.waitUntilFinished(queueEvents); // Celery: AsyncResult(...).get()
console.log(`job ${job.id} finished: add(2, 3) = ${result}, state: ${await job.getState()}`);

await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
