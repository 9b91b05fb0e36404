// Concurrency: one worker can run several jobs at once. Same 4 jobs, concurrency 1 vs 4.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { slowTask, type SlowData } from './slow-task.ts';

const queueName = process.env.QUEUE_NAME ?? 'slow'; // tests pass their own name
const connection = createConnection();
const queue = new Queue<SlowData, string>(queueName, { connection });
const queueEvents = new QueueEvents(queueName, { connection });
await queueEvents.waitUntilReady();

async function runFourJobs(concurrency: number): Promise<void> {
  const jobs = await queue.addBulk([1, 2, 3, 4].map(() => ({ name: 'slow', data: { ms: 500 } })));
  let running = 0;
  let mostAtOnce = 0;
  const worker = new Worker<SlowData, string>(queueName, slowTask, { connection, concurrency });
  worker.on('active', () => (mostAtOnce = Math.max(mostAtOnce, ++running)));
  worker.on('completed', () => running--);

  const started = performance.now();
  await Promise.all(jobs.map((job) => job.waitUntilFinished(queueEvents)));
  const seconds = (performance.now() - started) / 1000;
  // Rounded to half a second so the printed line is the same on every run.
  console.log(
    `concurrency ${concurrency}: 4 jobs × 0.5 s took ≈ ${(Math.round(seconds * 2) / 2).toFixed(1)} s,` +
      ` at most ${mostAtOnce} running at once`,
  );
  await worker.close();
}

await runFourJobs(1);
await runFourJobs(4);

await queueEvents.close();
await queue.close();
await connection.quit();
