// priority: among waiting jobs, a lower number goes first (1 is the highest). Jobs added without a priority
// go before all prioritized ones. The worker starts after all four are queued, so the order shows.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, Worker } from 'bullmq';

const connection = createConnection();
const queue = new Queue('chores', { connection });

const jobs = [
  await queue.add('monthly report', {}, { priority: 10 }),
  await queue.add('password reset e-mail', {}, { priority: 1 }),
  await queue.add('thumbnail', {}, { priority: 5 }),
  await queue.add('audit log entry', {}), // no priority
];
for (const job of jobs) {
  console.log(
    `added ${job.name.padEnd(21)} priority ${String(job.opts.priority ?? '-').padEnd(2)}  state: ${await job.getState()}`,
  );
}

const order: string[] = [];
const worker = new Worker('chores', async (job) => void order.push(job.name), { connection }); // concurrency 1
await new Promise<void>((resolve) => worker.on('drained', resolve)); // 'drained': nothing left to take
console.log(`the worker ran: ${order.join(' → ')}`);

await worker.close();
await queue.close();
await connection.quit();
