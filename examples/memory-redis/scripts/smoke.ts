// Smoke scenario: queue + worker + QueueEvents + job scheduler on the in-memory Redis, then close
// everything and let the process exit by itself (a leaked timer or handle would keep it alive).
// check-no-addons.ts runs it under Node 22 with --no-addons, as inside a WebContainer.
import { Queue, QueueEvents, Worker } from 'bullmq';
import { createConnection } from '../src/index.ts';

const connection = createConnection();
const queue = new Queue('smoke', { connection });
const events = new QueueEvents('smoke', { connection: createConnection(), lastEventId: '0-0' });
const ticks: string[] = [];
const worker = new Worker(
  'smoke',
  async (job) => {
    if (job.name === 'tick') ticks.push(job.id!);
    return job.data.n * 2;
  },
  { connection },
);

const job = await queue.add('double', { n: 21 });
const result = await job.waitUntilFinished(events);
await queue.upsertJobScheduler('every-100ms', { every: 100 }, { name: 'tick', data: { n: 0 } });
const deadline = Date.now() + 10_000;
while (ticks.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
await queue.removeJobScheduler('every-100ms');

await worker.close();
await queue.close();
await events.close();
connection.disconnect();

if (result !== 42 || ticks.length < 2) {
  console.error(`smoke FAILED: result ${result} (want 42), scheduler ticks ${ticks.length} (want >= 2)`);
  process.exitCode = 1;
} else {
  console.log(`smoke OK on node ${process.version}: result ${result}, ${ticks.length} scheduler ticks`);
}
