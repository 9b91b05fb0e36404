// Several workers on one queue split the jobs between them.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { shutDownGracefully } from '../src/shutdown.ts';
import { spawnWorker } from '../src/spawn-worker.ts';
import { startWorker } from '../src/start-worker.ts';
import { openQueue } from '../src/work-queue.ts';
import { waitForCompleted } from './support/wait.ts';

const { queue, close } = openQueue();
afterEach(() => queue.obliterate({ force: true }));
afterAll(close);

async function whoDidWhat(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const job of await queue.getJobs(['completed']))
    counts[job.returnvalue.worker] = (counts[job.returnvalue.worker] ?? 0) + 1;
  return counts;
}

function addJobs(count: number, ms: number) {
  return queue.addBulk(
    Array.from({ length: count }, (_, i) => ({ name: 'report', data: { ms }, opts: { jobId: `report-${i + 1}` } })),
  );
}

it('three workers in one process each take a share of the jobs', async () => {
  const workers = ['worker-1', 'worker-2', 'worker-3'].map((name) => startWorker(name));
  await Promise.all(workers.map((w) => w.worker.waitUntilReady()));
  await addJobs(9, 60);
  await waitForCompleted(queue, 9);
  await Promise.all(workers.map((w) => shutDownGracefully(w.worker, w.connections)));

  const counts = await whoDidWhat();
  expect(Object.values(counts).reduce((a, b) => a + b)).toBe(9);
  expect(Object.keys(counts).sort(), 'every worker took at least one job').toEqual([
    'worker-1',
    'worker-2',
    'worker-3',
  ]);
});

describe.runIf(process.env.REDIS_URL)(
  'worker processes (real Redis only: processes cannot share the in-memory Redis)',
  { timeout: 60_000 }, // starting Node processes is slow on a busy 2-core machine
  () => {
    it('two worker processes each take a share of the jobs, then exit 0 on SIGTERM', async () => {
      const processes = ['worker-1', 'worker-2'].map((name) => spawnWorker(name));
      await Promise.all(processes.map((p) => p.waitFor('ready')));
      await addJobs(8, 100);
      await waitForCompleted(queue, 8);

      const counts = await whoDidWhat();
      expect(Object.keys(counts).sort(), 'both processes took jobs').toEqual(['worker-1', 'worker-2']);
      for (const p of processes) p.child.kill('SIGTERM');
      expect(await Promise.all(processes.map((p) => p.exited))).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    });
  },
);
