import { Queue, Worker, QueueEvents } from 'bullmq';
import { createConnection } from './src/index.ts';
const connection = createConnection();
const t0 = Date.now();
const queue = new Queue('q1', { connection });
const events = new QueueEvents('q1', { connection });
await events.waitUntilReady();
const worker = new Worker(
  'q1',
  async (job) => {
    await job.updateProgress(50);
    return job.data.x * 2;
  },
  { connection },
);
const job = await queue.add('double', { x: 21 });
console.log('added', job.id, Date.now() - t0);
const result = await job.waitUntilFinished(events);
console.log('result', result, await job.getState(), await queue.getJobCounts());
const j2 = await queue.add('p', { x: 1 }, { priority: 5 });
const j3 = await queue.add('d', { x: 2 }, { delay: 100 });
await j3.waitUntilFinished(events);
console.log('delayed done', Date.now() - t0, await queue.getJobCounts());
await worker.close();
await queue.close();
await events.close();
connection.disconnect();
console.log('closed', Date.now() - t0);
