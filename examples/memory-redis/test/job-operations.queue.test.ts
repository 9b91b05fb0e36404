// Parity: operations on single jobs and on the queue that lessons use beyond the basics.
import { afterEach, describe, expect, it } from 'vitest';
import { DelayedError, Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { backendNames, once, until, useBackend } from './support/backends.ts';

describe.each(backendNames())('job operations on %s', (name) => {
  const backend = useBackend(name);
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  function setup(label: string) {
    const connection = backend.connect();
    const queueName = backend.queueName(label);
    const queue = new Queue(queueName, { connection });
    closers.push(() => queue.close());
    const worker = (processor: (job: Job, token?: string) => Promise<unknown>, opts: Record<string, unknown> = {}) => {
      const w = new Worker(queueName, processor, { connection, ...opts });
      closers.push(() => w.close());
      return w;
    };
    return { queue, worker };
  }

  it('promotes, re-prioritises and removes jobs', async () => {
    const { queue } = setup('ops');
    const delayed = await queue.add('a', {}, { delay: 60_000 });
    await delayed.promote();
    expect(await delayed.getState()).toBe('waiting');
    const prioritized = await queue.add('b', {}, { priority: 5 });
    await prioritized.changePriority({ priority: 1 });
    expect(await prioritized.getState()).toBe('prioritized');
    expect((await queue.getJob(prioritized.id!))!.priority).toBe(1);
    const removed = await queue.add('c', {});
    await removed.remove();
    expect(await queue.getJob(removed.id!)).toBeUndefined();
    await queue.add('d', {}, { delay: 60_000 });
    await queue.promoteJobs();
    expect(await queue.getJobCounts('delayed', 'waiting', 'prioritized')).toEqual({
      delayed: 0,
      waiting: 2,
      prioritized: 1,
    });
  });

  it('moves a job to delayed from its processor, and retries a failed one', async () => {
    const { queue, worker } = setup('delay-retry');
    const later = await queue.add('later', { moved: false });
    const broken = await queue.add('broken', {});
    let failBroken = true;
    const w = worker(async (job, token) => {
      if (job.name === 'later' && !job.data.moved) {
        await job.updateData({ moved: true });
        await job.moveToDelayed(Date.now() + 50, token);
        throw new DelayedError();
      }
      if (job.name === 'broken' && failBroken) throw new Error('broken on purpose');
      return job.name;
    });
    await once(w, 'failed');
    await until('later completed', async () => (await later.getState()) === 'completed');
    expect((await queue.getJob(later.id!))!.data).toEqual({ moved: true });
    expect((await queue.getFailed()).map((j) => [j.name, j.failedReason])).toEqual([['broken', 'broken on purpose']]);
    failBroken = false;
    await queue.retryJobs({ state: 'failed' });
    await until('broken completed on retry', async () => (await broken.getState()) === 'completed');
    expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
  });

  it('pauses and resumes a worker, counts workers and records metrics', async () => {
    const { queue, worker } = setup('worker-ops');
    const w = worker(async () => 'ok', { metrics: { maxDataPoints: 10 } });
    await w.waitUntilReady();
    await until('worker registered', async () => (await queue.getWorkersCount()) === 1);
    await w.pause();
    await queue.add('held', {});
    await new Promise((r) => setTimeout(r, 100));
    expect(await queue.getJobCounts('waiting', 'active')).toEqual({ waiting: 1, active: 0 });
    w.resume();
    await until('processed after resume', async () => (await queue.getCompletedCount()) === 1);
    const metrics = await queue.getMetrics('completed');
    expect(metrics.meta.count).toBe(1);
  });
});
