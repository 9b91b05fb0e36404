// Rate limits hold across workers; a job id makes adding the same work twice harmless.
import { afterAll, afterEach, expect, it } from 'vitest';
import { shutDownGracefully } from '../src/shutdown.ts';
import { startWorker } from '../src/start-worker.ts';
import { openQueue } from '../src/work-queue.ts';
import { waitForCompleted } from './support/wait.ts';

const { queue, close } = openQueue();
afterEach(() => queue.obliterate({ force: true }));
afterAll(close);

it('two workers with a limit of 2 jobs per 300 ms never start 5 jobs within 300 ms', async () => {
  const limiter = { max: 2, duration: 300 };
  const workers = ['worker-1', 'worker-2'].map((name) => startWorker(name, { limiter }));
  await queue.addBulk(
    [1, 2, 3, 4, 5, 6].map((n) => ({ name: 'report', data: { ms: 5 }, opts: { jobId: `report-${n}` } })),
  );
  await waitForCompleted(queue, 6);
  await Promise.all(workers.map((w) => shutDownGracefully(w.worker, w.connections)));

  const starts = (await queue.getJobs(['completed'])).map((job) => job.processedOn ?? 0).sort((a, b) => a - b);
  // The limiter counts in fixed windows of 300 ms. Any stretch shorter than that overlaps at most two
  // windows, so it can hold at most 2 × 2 job starts: job i+4 must start at least 300 ms after job i.
  // A lower bound, not a speed test; the 20 ms slack covers the client's clock against Redis's expiry.
  for (let i = 0; i + 4 < starts.length; i++) {
    expect(
      starts[i + 4]! - starts[i]!,
      `jobs ${i + 1} to ${i + 5} started within one window's length`,
    ).toBeGreaterThanOrEqual(limiter.duration - 20);
  }
});

it('adding a job with an id that is already there adds nothing, so the work runs once', async () => {
  const first = await queue.add('report', { ms: 5 }, { jobId: 'report-for-order-42' });
  const again = await queue.add('report', { ms: 5 }, { jobId: 'report-for-order-42' });
  expect(again.id).toBe(first.id);
  expect(await queue.getWaitingCount()).toBe(1);

  const lines: string[] = [];
  const { worker, connections } = startWorker('worker-1', { log: (line) => lines.push(line) });
  await waitForCompleted(queue, 1);
  await queue.add('report', { ms: 5 }, { jobId: 'report-for-order-42' }); // after completion: still a no-op
  await new Promise((resolve) => setTimeout(resolve, 100));
  await shutDownGracefully(worker, connections);
  expect(lines.filter((line) => line.includes('started'))).toEqual(['worker-1 started report-for-order-42']);
});
