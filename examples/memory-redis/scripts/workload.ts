// A fixed BullMQ workload on the in-memory Redis (add N jobs, process them, exit), for timing whole
// processes from outside, e.g. this version against an older one. Usage: node memory-redis/scripts/workload.ts [N]
import { Queue, Worker } from 'bullmq';
import { createConnection } from '../src/index.ts';

const jobs = Number(process.argv[2] ?? 5000);
const connection = createConnection({ url: 'memory' });
const queue = new Queue('workload', { connection });
for (let i = 0; i < jobs; i += 1000) {
  await queue.addBulk(
    Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'job', data: { i: i + k } })),
  );
}
let done = 0;
const finished = new Promise<void>((resolve) => {
  const worker = new Worker('workload', async (job) => job.data.i, { connection, concurrency: 10 });
  worker.on('completed', () => {
    if (++done === jobs) void worker.close().then(() => resolve());
  });
});
await finished;
await queue.close();
connection.disconnect();
