// A SIGTERM arrives while a job is running: the worker finishes that job, then exits. Nothing is lost.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, Worker } from 'bullmq';
import { closeWorkerOnSignal } from './graceful-shutdown.ts';
import { logWorkerEvents } from './log-worker-events.ts';
import { slowTask, type SlowData } from './slow-task.ts';

const queueName = 'slow-shutdown';
const connection = createConnection();
const queue = new Queue<SlowData, string>(queueName, { connection });
await queue.addBulk([1, 2, 3].map(() => ({ name: 'slow', data: { ms: 1000 } })));
console.log('queued 3 jobs of 1 s each');

const worker = new Worker<SlowData, string>(queueName, slowTask, { connection });
logWorkerEvents(worker);
closeWorkerOnSignal(worker, async () => {
  const { waiting, active } = await queue.getJobCounts('waiting', 'active');
  console.log(`still in the queue for the next worker: ${waiting} waiting, ${active} active`);
  await queue.close();
  await connection.quit();
});

// Press Ctrl+C yourself in a terminal; for a repeatable demo we send SIGTERM (what `docker stop` sends)
// to ourselves as soon as the first job reports progress.
worker.once('progress', () => process.kill(process.pid, 'SIGTERM'));
