// Parity: job schedulers (every / cron pattern): upsert, list, remove, and exactly one job per tick
// even with two workers competing.
import { afterEach, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { backendNames, sleep, until, useBackend } from './support/backends.ts';

describe.each(backendNames())('job schedulers on %s', (name) => {
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
    return { connection, queue, queueName };
  }

  it('upserts, lists and removes schedulers', async () => {
    const { queue } = setup('crud');
    await queue.upsertJobScheduler('every-minute', { every: 60_000 }, { name: 'tick', data: { v: 1 } });
    await queue.upsertJobScheduler('nightly', { pattern: '0 3 * * *', tz: 'UTC' }, { name: 'report' });
    await queue.upsertJobScheduler('every-minute', { every: 30_000 }, { name: 'tick', data: { v: 2 } });
    const list = await queue.getJobSchedulers(0, -1, true);
    expect(list.map((s) => s.key).sort()).toEqual(['every-minute', 'nightly']);
    const everyMinute = list.find((s) => s.key === 'every-minute')!;
    expect(everyMinute.every).toBe(30_000);
    expect(list.find((s) => s.key === 'nightly')!.pattern).toBe('0 3 * * *');
    expect(await queue.getJobSchedulersCount()).toBe(2);
    // One pending job per scheduler, not one per upsert (an `every` scheduler's first job is due now).
    const pending = await queue.getJobCounts('delayed', 'waiting');
    expect((pending.delayed ?? 0) + (pending.waiting ?? 0)).toBe(2);
    expect(await queue.removeJobScheduler('nightly')).toBe(true);
    expect(await queue.removeJobScheduler('nightly')).toBe(false);
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(['every-minute']);
    const left = await queue.getJobCounts('delayed', 'waiting');
    expect((left.delayed ?? 0) + (left.waiting ?? 0)).toBe(1);
  });

  it('produces exactly one job per tick with two workers (every)', async () => {
    backend.skipStateComparison('how many ticks run before the scheduler is removed depends on timing');
    const { connection, queue, queueName } = setup('every');
    const runs: Job[] = [];
    for (let i = 0; i < 2; i++) {
      const w = new Worker(queueName, async (job) => void runs.push(job), { connection, concurrency: 2 });
      closers.push(() => w.close());
    }
    await queue.upsertJobScheduler('fast', { every: 150 }, { name: 'tick' });
    await until('three ticks', () => runs.length >= 3);
    await queue.removeJobScheduler('fast');
    await sleep(200);
    // Each tick is a distinct job, processed by exactly one of the two workers.
    const ids = runs.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    const completed = (await queue.getCompleted()).map((j) => j.id);
    expect(completed.sort()).toEqual([...ids].sort());
    expect(runs.every((j) => j.repeatJobKey === 'fast')).toBe(true);
  });

  it('follows a cron pattern (every second) with one job per tick', async () => {
    backend.skipStateComparison('how many ticks run before the scheduler is removed depends on timing');
    const { connection, queue, queueName } = setup('cron');
    const runs: Job[] = [];
    for (let i = 0; i < 2; i++) {
      const w = new Worker(queueName, async (job) => void runs.push(job), { connection });
      closers.push(() => w.close());
    }
    await queue.upsertJobScheduler('each-second', { pattern: '* * * * * *' }, { name: 'cron-tick' });
    await until('two cron ticks', () => runs.length >= 2);
    await queue.removeJobScheduler('each-second');
    const seconds = runs.map((j) => Math.round(Number(j.opts.prevMillis ?? j.timestamp) / 1000));
    expect(new Set(seconds).size).toBe(seconds.length);
    expect(runs.every((j) => j.name === 'cron-tick')).toBe(true);
  });
});
