// Parity: the everyday Queue/Worker/Job surface behaves the same on the in-memory client and real Redis.
import { afterEach, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { backendNames, once, until, useBackend } from './support/backends.ts';

describe.each(backendNames())('queue basics on %s', (name) => {
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
    const worker = <R>(processor: (job: Job) => Promise<R>, opts: Record<string, unknown> = {}) => {
      const w = new Worker(queueName, processor, { connection, ...opts });
      closers.push(() => w.close());
      return w;
    };
    return { connection, queue, queueName, worker };
  }

  it('adds a job, processes it and keeps the return value', async () => {
    const { queue, worker } = setup('basic');
    const job = await queue.add('double', { x: 21 });
    expect(await job.getState()).toBe('waiting');
    const w = worker(async (j) => j.data.x * 2);
    const [done, result] = await once<[Job, number]>(w, 'completed');
    expect(done.id).toBe(job.id);
    expect(result).toBe(42);
    const stored = await queue.getJob(job.id!);
    expect(stored?.returnvalue).toBe(42);
    expect(stored?.data).toEqual({ x: 21 });
    expect(stored?.attemptsMade).toBe(1);
    expect(stored?.finishedOn).toBeGreaterThanOrEqual(stored!.processedOn!);
    expect(await stored!.getState()).toBe('completed');
  });

  it('counts jobs per state and lists them with the getters', async () => {
    const { queue } = setup('counts');
    await queue.addBulk([
      { name: 'a', data: { n: 1 } },
      { name: 'b', data: { n: 2 } },
      { name: 'c', data: { n: 3 }, opts: { delay: 60_000 } },
      { name: 'd', data: { n: 4 }, opts: { priority: 3 } },
    ]);
    expect(await queue.getJobCounts()).toMatchObject({
      waiting: 2,
      delayed: 1,
      prioritized: 1,
      active: 0,
      completed: 0,
      failed: 0,
    });
    // count() = jobs still to be processed: waiting + delayed + prioritized.
    expect(await queue.count()).toBe(4);
    const waiting = await queue.getWaiting();
    expect(waiting.map((j) => j.name).sort()).toEqual(['a', 'b']);
    expect((await queue.getDelayed()).map((j) => j.name)).toEqual(['c']);
    expect((await queue.getPrioritized()).map((j) => j.name)).toEqual(['d']);
    const all = await queue.getJobs(['waiting', 'delayed', 'prioritized'], 0, -1, true);
    expect(all.map((j) => j.data.n).sort()).toEqual([1, 2, 3, 4]);
    expect(await queue.getWaitingCount()).toBe(2);
  });

  it('retries with fixed backoff and records failedReason and stacktrace', async () => {
    const { queue, worker } = setup('fixed');
    const job = await queue.add('flaky', {}, { attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    const seen: number[] = [];
    const w = worker(async (j) => {
      seen.push(j.attemptsMade);
      if (j.attemptsMade < 2) throw new Error(`boom ${j.attemptsMade}`);
      return 'ok';
    });
    await once(w, 'completed');
    expect(seen).toEqual([0, 1, 2]);
    const stored = (await queue.getJob(job.id!))!;
    expect(stored.attemptsMade).toBe(3);
    expect(stored.stacktrace).toHaveLength(2);
    expect(stored.stacktrace?.[0]).toContain('boom 0');
  });

  it('fails for good after the last attempt, with exponential backoff between tries', async () => {
    const { queue, worker } = setup('exp');
    const job = await queue.add('always-fails', {}, { attempts: 3, backoff: { type: 'exponential', delay: 40 } });
    const starts: number[] = [];
    const w = worker(async () => {
      starts.push(Date.now());
      throw new Error('nope');
    });
    const [failed] = await once<[Job | undefined, Error]>(w, 'failed', (j) => j?.attemptsMade === 3);
    expect(failed!.failedReason).toBe('nope');
    expect(starts).toHaveLength(3);
    // exponential: 40 ms then 80 ms (at least; never assert an upper bound on time).
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(35);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(75);
    const stored = (await queue.getJob(job.id!))!;
    expect(await stored.getState()).toBe('failed');
    expect(stored.failedReason).toBe('nope');
    expect(stored.stacktrace).toHaveLength(3);
    expect(await queue.getFailedCount()).toBe(1);
  });

  it('runs a delayed job only after its delay', async () => {
    const { queue, worker } = setup('delayed');
    const added = Date.now();
    const job = await queue.add('later', {}, { delay: 150 });
    expect(await job.getState()).toBe('delayed');
    const w = worker(async () => Date.now());
    const [, ranAt] = await once<[Job, number]>(w, 'completed');
    expect(ranAt - added).toBeGreaterThanOrEqual(140);
  });

  it('processes higher priority (lower number) first', async () => {
    const { queue, worker } = setup('prio');
    await queue.add('p10', {}, { priority: 10 });
    await queue.add('p1', {}, { priority: 1 });
    await queue.add('p5', {}, { priority: 5 });
    await queue.add('p1-second', {}, { priority: 1 });
    await queue.add('big', {}, { priority: 2_000_000 });
    const order: string[] = [];
    const w = worker(async (j) => void order.push(j.name), { concurrency: 1 });
    await until('all processed', () => order.length === 5);
    expect(order).toEqual(['p1', 'p1-second', 'p5', 'p10', 'big']);
    await w.close();
  });

  it('pauses and resumes a queue', async () => {
    const { queue, worker } = setup('pause');
    await queue.pause();
    expect(await queue.isPaused()).toBe(true);
    await queue.add('held', {});
    const done: string[] = [];
    worker(async (j) => void done.push(j.name));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toEqual([]);
    // BullMQ 6 keeps jobs of a paused queue in its wait list and just stops handing them out.
    expect(await queue.getWaitingCount()).toBe(1);
    await queue.resume();
    await until('processed after resume', () => done.length === 1);
    expect(await queue.isPaused()).toBe(false);
  });

  it('removes finished jobs per removeOnComplete / removeOnFail', async () => {
    const { queue, worker } = setup('remove');
    await queue.add('gone', { ok: true }, { removeOnComplete: true });
    await queue.add('kept', { ok: true });
    for (let i = 0; i < 4; i++) await queue.add(`fail-${i}`, { ok: false }, { removeOnFail: 2 });
    let finished = 0;
    const w = worker(async (j) => {
      if (!j.data.ok) throw new Error('bad');
    });
    w.on('completed', () => finished++);
    w.on('failed', () => finished++);
    await until('all finished', () => finished === 6);
    const completed = await queue.getCompleted();
    expect(completed.map((j) => j.name)).toEqual(['kept']);
    expect(await queue.getFailedCount()).toBe(2);
  });

  it('deduplicates by custom job id and by deduplication id', async () => {
    const { queue } = setup('dedup');
    const a = await queue.add('x', { v: 1 }, { jobId: 'order-42' });
    const b = await queue.add('x', { v: 2 }, { jobId: 'order-42' });
    expect(a.id).toBe('order-42');
    expect(b.id).toBe('order-42');
    expect((await queue.getJob('order-42'))?.data).toEqual({ v: 1 });
    const c = await queue.add('y', { v: 3 }, { deduplication: { id: 'same' } });
    const d = await queue.add('y', { v: 4 }, { deduplication: { id: 'same' } });
    expect(d.id).toBe(c.id);
    expect(await queue.getDeduplicationJobId('same')).toBe(c.id);
    expect(await queue.getWaitingCount()).toBe(2);
  });

  it('reports progress and keeps job logs', async () => {
    const { queue, worker } = setup('progress');
    const job = await queue.add('steps', {});
    const progress: unknown[] = [];
    const w = worker(async (j) => {
      await j.updateProgress(30);
      await j.log('half way');
      await j.updateProgress({ step: 'done', pct: 100 });
      await j.log('finished');
    });
    w.on('progress', (_j, p) => progress.push(p));
    await once(w, 'completed');
    expect(progress).toEqual([30, { step: 'done', pct: 100 }]);
    const stored = (await queue.getJob(job.id!))!;
    expect(stored.progress).toEqual({ step: 'done', pct: 100 });
    expect(await queue.getJobLogs(job.id!)).toEqual({ logs: ['half way', 'finished'], count: 2 });
  });
});
