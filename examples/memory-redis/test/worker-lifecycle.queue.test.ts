// Parity: rate limiting, stalled-job recovery, clean/drain/obliterate and graceful close.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { backendNames, once, sleep, until, useBackend } from './support/backends.ts';

describe.each(backendNames())('worker lifecycle on %s', (name) => {
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
    const worker = (processor: (job: Job) => Promise<unknown>, opts: Record<string, unknown> = {}) => {
      const w = new Worker(queueName, processor, { connection, ...opts });
      closers.push(() => w.close(true));
      return w;
    };
    return { connection, queue, queueName, worker };
  }

  it('rate-limits a worker to max jobs per duration', async () => {
    const { connection, queue, worker } = setup('limit');
    await queue.addBulk([1, 2, 3, 4, 5].map((n) => ({ name: 'n', data: { n } })));
    let done = 0;
    worker(async () => void done++, { limiter: { max: 2, duration: 400 }, concurrency: 5 });
    await until('five processed', () => done === 5);
    // When each job became active, by the server's clock: the id of its 'active' event, which the same
    // script that takes the job (and opens the limiter window) adds. Load on this machine can delay
    // when a command reaches the server, never make a window shorter.
    const events = await connection.xrange(queue.keys.events!, '-', '+');
    const activeAt = events
      .filter(([, fields]) => fields[fields.indexOf('event') + 1] === 'active')
      .map(([id]) => Number(id.split('-')[0]));
    expect(activeAt).toHaveLength(5);
    // 5 jobs at 2 per 400 ms need two full windows; 10 % margin for the server being descheduled inside
    // the script that opens a window (a real redis-server stamps stream ids with the live clock).
    expect(activeAt[2]! - activeAt[0]!).toBeGreaterThanOrEqual(360);
    expect(activeAt[4]! - activeAt[0]!).toBeGreaterThanOrEqual(760);
  });

  it('recovers a job whose worker stopped renewing its lock', async () => {
    const { queue, worker } = setup('stalled');
    const job = await queue.add('stuck', {});
    const hung = worker(() => new Promise(() => {}), {
      lockDuration: 200,
      skipLockRenewal: true,
      skipStalledCheck: true,
    });
    await once(hung, 'active');
    const rescuer = worker(async () => 'recovered', { stalledInterval: 100, lockDuration: 200, maxStalledCount: 1 });
    const stalled = once<[string]>(rescuer, 'stalled');
    const [done, result] = await once<[Job, string]>(rescuer, 'completed');
    expect((await stalled)[0]).toBe(job.id);
    expect(done.id).toBe(job.id);
    expect(result).toBe('recovered');
  });

  // Only a real server outlives a process: the in-memory data set lives inside the process it dies with.
  if (name === 'redis')
    it('recovers a job whose worker process was killed mid-job', async () => {
      const { queue, queueName, worker } = setup('killed');
      const job = await queue.add('doomed', {});
      const child = spawn(
        process.execPath,
        [fileURLToPath(new URL('./fixtures/hanging-worker.ts', import.meta.url)), queueName],
        {
          env: { ...process.env, REDIS_URL: backend.url() },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => d.toString().includes(`ACTIVE ${job.id}`) && resolve());
          child.once('exit', (code) => reject(new Error(`hanging worker exited early (${code})`)));
        });
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      expect(await job.getState()).toBe('active');
      const rescuer = worker(async () => 'after crash', { stalledInterval: 100, lockDuration: 300 });
      const [done, result] = await once<[Job, string]>(rescuer, 'completed');
      expect(done.id).toBe(job.id);
      expect(result).toBe('after crash');
    });

  it('cleans finished jobs older than a grace period', async () => {
    const { queue, worker } = setup('clean');
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'n', data: { n } })));
    const w = worker(async () => 'ok');
    let done = 0;
    w.on('completed', () => done++);
    await until('three completed', () => done === 3);
    await sleep(20);
    const removed = await queue.clean(10, 100, 'completed');
    expect(removed).toHaveLength(3);
    expect(await queue.getCompletedCount()).toBe(0);
  });

  it('drains waiting jobs, and delayed ones when asked', async () => {
    const { queue } = setup('drain');
    await queue.addBulk([
      { name: 'w1', data: {} },
      { name: 'w2', data: {} },
      { name: 'd1', data: {}, opts: { delay: 60_000 } },
    ]);
    await queue.drain();
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 1 });
    await queue.drain(true);
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
  });

  it('obliterates a queue and all its keys', async () => {
    const { connection, queue } = setup('obliterate');
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'n', data: { n } })));
    await queue.add('later', {}, { delay: 60_000 });
    expect((await connection.keys(`${queue.qualifiedName}:*`)).length).toBeGreaterThan(0);
    await queue.obliterate({ force: true });
    expect(await connection.keys(`${queue.qualifiedName}:*`)).toEqual([]);
  });

  it('closes gracefully: close() waits for the active job to finish', async () => {
    const { connection, queue, queueName } = setup('graceful');
    const job = await queue.add('slow', {});
    const w = new Worker(
      queueName,
      async () => {
        await sleep(150);
        return 'finished';
      },
      { connection },
    );
    await once(w, 'active');
    await w.close();
    const stored = (await queue.getJob(job.id!))!;
    expect(await stored.getState()).toBe('completed');
    expect(stored.returnvalue).toBe('finished');
  });
});
