// A one-off job for later: `delay` keeps it in the delayed set until its time comes, then it moves to
// waiting and a worker takes it (Celery: add.apply_async(countdown=1) or eta=…).
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';

const connection = createConnection();
const queue = new Queue('reminders', { connection });
const queueEvents = new QueueEvents('reminders', { connection });
await queueEvents.waitUntilReady();
const worker = new Worker('reminders', async (job) => `reminded ${job.data.to}`, { connection });

let addedAt = Date.now();
const seconds = () => `${((Date.now() - addedAt) / 1000).toFixed(1)} s`; // since the job was created
queueEvents.on('waiting', ({ jobId }) => console.log(`${seconds()}  job ${jobId} is due: delayed → waiting`));
worker.on('completed', (job, result) => console.log(`${seconds()}  job ${job.id} completed: ${result}`));

// Celery's eta (run at a given time) is a delay too: runAt.getTime() - Date.now().
const job = await queue.add('remind', { to: 'ada@example.com' }, { delay: 1000 });
addedAt = job.timestamp; // the delay counts from here
console.log(`${seconds()}  added job ${job.id} with delay: 1000, state: ${await job.getState()}`);

await job.waitUntilFinished(queueEvents);
await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
