// Concurrency: one worker can run several jobs at once. Same 4 jobs, concurrency 1 vs 4.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, Worker } from 'bullmq';
import { waitTask, type SlowData } from './slow-task.ts';

const queueName = 'slow';
const connection = createConnection();
const queue = new Queue<SlowData, string>(queueName, { connection });

async function runFourJobs(concurrency: number): Promise<void> {
  await queue.addBulk([1, 2, 3, 4].map(() => ({ name: 'wait', data: { ms: 500 } })));
  const worker = new Worker<SlowData, string>(queueName, waitTask, { connection, concurrency });
  let started = 0; // the clock starts when the first job does, not while the worker connects
  let running = 0;
  let mostAtOnce = 0;
  worker.on('active', () => {
    started ||= performance.now();
    mostAtOnce = Math.max(mostAtOnce, ++running);
  });
  let done = 0;
  await new Promise<void>((allDone) => {
    worker.on('completed', () => {
      running--;
      if (++done === 4) allDone();
    });
  });
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

await queue.close();
await connection.quit();
