// SIGTERM is how a process is asked to stop (a deploy, `docker stop`, Kubernetes scaling down).
// A graceful worker finishes the job in hand, takes no new one, closes its connections and exits 0.
// Runs on any Redis: this process sends the SIGTERM to itself. Run: npm run demo:shutdown
import { describeBackend } from '../backend.ts';
import { shutDownGracefully } from '../shutdown.ts';
import { startWorker } from '../start-worker.ts';
import { openQueue } from '../work-queue.ts';

const say = (line: string) => console.log(`  ${line}`);
console.log(`Redis: ${describeBackend()}`);
const { queue, close } = openQueue();
await queue.obliterate({ force: true });

console.log('Three 500 ms jobs are queued; worker-1 runs one at a time');
await queue.addBulk([1, 2, 3].map((n) => ({ name: 'report', data: { ms: 500 }, opts: { jobId: `report-${n}` } })));
const { worker, connections } = startWorker('worker-1', { log: say });

process.once('SIGTERM', async () => {
  console.log('SIGTERM: stop taking jobs, let the active one finish');
  await shutDownGracefully(worker, connections);
  console.log('worker-1 closed, and so are its Redis connections');

  const waiting = await queue.getWaiting();
  console.log(
    `Still queued for the next worker: ${waiting
      .map((job) => job.id)
      .sort()
      .join(', ')}`,
  );
  await queue.obliterate({ force: true });
  await close();
  // No process.exit(): with every connection and timer closed, Node ends by itself, with code 0.
  console.log('Nothing left open: the process exits with code 0');
});

worker.once('active', () => {
  setTimeout(() => process.kill(process.pid, 'SIGTERM'), 100); // as `kill <pid>` would, mid-job
});
