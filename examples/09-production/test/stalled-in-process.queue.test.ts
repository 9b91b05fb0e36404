// The stall check itself, inside one process, so it runs on both backends: a worker that stops
// renewing its job's lock (as a dead or cut-off worker does) loses the job to another worker.
import { Worker } from 'bullmq';
import { afterAll, expect, it } from 'vitest';
import { connect } from '../src/connection.ts';
import { startWorker } from '../src/start-worker.ts';
import { shutDownGracefully } from '../src/shutdown.ts';
import { waitForState } from '../src/wait-for-state.ts';
import { openQueue, prefix, QUEUE_NAME } from '../src/work-queue.ts';

const { queue, close } = openQueue();
afterAll(async () => {
  await queue.obliterate({ force: true });
  await close();
});

it('a job whose lock is no longer renewed is detected as stalled and completed by another worker', async () => {
  let release: () => void = () => {};
  const connection = connect();
  // A "dead" worker: it took the job, then went silent (skipLockRenewal), and never finishes it.
  const silent = new Worker(QUEUE_NAME, () => new Promise<void>((resolve) => (release = resolve)), {
    connection,
    prefix,
    skipLockRenewal: true,
    lockDuration: 500,
    stalledInterval: 300,
  });
  await queue.add('report', { ms: 10 }, { jobId: 'report-1' });
  await new Promise((resolve) => silent.once('active', resolve));

  const healthy = startWorker('worker-2');
  const job = await waitForState(queue, 'report-1', 'completed');
  expect(job.returnvalue, JSON.stringify(job.toJSON())).toEqual({ worker: 'worker-2' });
  expect(job.stalledCounter).toBe(1);

  release();
  await silent.close(true);
  await connection.quit();
  await shutDownGracefully(healthy.worker, healthy.connections);
});
