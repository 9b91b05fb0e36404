// N workers share one queue. With a real Redis each worker is its own process (as on N machines);
// the in-memory Redis lives inside one process, so there the same workers run side by side in it.
// Run: npm run demo:share -- 3
import { realRedis, describeBackend } from '../backend.ts';
import { shutDownGracefully } from '../shutdown.ts';
import { spawnWorker } from '../spawn-worker.ts';
import { startWorker } from '../start-worker.ts';
import { openQueue } from '../work-queue.ts';

const workerCount = Number(process.argv[2] ?? 3);
const JOBS = workerCount * 4;
const JOB_MS = 200;
const names = Array.from({ length: workerCount }, (_, i) => `worker-${i + 1}`);

console.log(`Redis: ${describeBackend()}`);
const { queue, close } = openQueue();
await queue.obliterate({ force: true }); // start from an empty queue, even on a real Redis

let stopWorkers: () => Promise<void>;
if (realRedis) {
  console.log(`Starting ${workerCount} worker processes`);
  const processes = names.map((name) => spawnWorker(name));
  await Promise.all(processes.map((p) => p.waitFor('ready')));
  stopWorkers = async () => {
    for (const p of processes) p.child.kill('SIGTERM');
    const exits = await Promise.all(processes.map((p) => p.exited));
    console.log(`SIGTERM sent; exit codes: ${exits.map((e) => e.code).join(', ')}`);
  };
} else {
  console.log(`Starting ${workerCount} workers in this process (a real Redis would let them be processes)`);
  const workers = names.map((name) => startWorker(name));
  await Promise.all(workers.map((w) => w.worker.waitUntilReady()));
  stopWorkers = async () => {
    await Promise.all(workers.map((w) => shutDownGracefully(w.worker, w.connections)));
    console.log(`All ${workerCount} workers closed`);
  };
}

console.log(`Adding ${JOBS} jobs of ${JOB_MS} ms each`);
await queue.addBulk(
  Array.from({ length: JOBS }, (_, i) => ({
    name: 'report',
    data: { ms: JOB_MS },
    opts: { jobId: `report-${i + 1}` },
  })),
);
while ((await queue.getCompletedCount()) < JOBS) await new Promise((resolve) => setTimeout(resolve, 50));

console.log(`\nAll ${JOBS} jobs done. Who did what:`);
const done = await queue.getJobs(['completed']);
for (const name of names) {
  const count = done.filter((job) => job.returnvalue.worker === name).length;
  console.log(`  ${name}  ${'█'.repeat(count).padEnd(JOBS)} ${count} jobs`);
}

await stopWorkers();
await queue.obliterate({ force: true });
await close();
