// Parity: QueueEvents (read from the events stream with XREAD BLOCK) sees the same events in the same
// order on both backends, and waitUntilFinished resolves or rejects as on real Redis.
import { afterEach, describe, expect, it } from 'vitest';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { backendNames, once, until, useBackend } from './support/backends.ts';

describe.each(backendNames())('QueueEvents on %s', (name) => {
  const backend = useBackend(name);
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function setup(label: string) {
    const connection = backend.connect();
    const queueName = backend.queueName(label);
    const queue = new Queue(queueName, { connection });
    // Read the stream from its start: a reader that starts at '$' misses events added before its first
    // XREAD is issued (on real Redis as well), which would make these tests racy.
    const events = new QueueEvents(queueName, { connection: backend.connect(), lastEventId: '0-0' });
    closers.push(
      () => queue.close(),
      () => events.close(),
    );
    await events.waitUntilReady();
    return { connection, queue, queueName, events };
  }

  it('emits waiting, active, progress, completed in order, and waitUntilFinished returns the result', async () => {
    const { connection, queue, queueName, events } = await setup('events');
    const seen: string[] = [];
    for (const event of ['waiting', 'active', 'progress', 'completed'] as const) {
      events.on(event, (args: { jobId: string }) => seen.push(`${event}:${args.jobId}`));
    }
    const job = await queue.add('work', { n: 2 });
    const worker = new Worker(
      queueName,
      async (j) => {
        await j.updateProgress(50);
        return j.data.n * 10;
      },
      { connection },
    );
    closers.push(() => worker.close());
    expect(await job.waitUntilFinished(events)).toBe(20);
    await until('completed event', () => seen.includes(`completed:${job.id}`));
    expect(seen).toEqual([`waiting:${job.id}`, `active:${job.id}`, `progress:${job.id}`, `completed:${job.id}`]);
  });

  it('emits failed with the reason and waitUntilFinished rejects with it', async () => {
    const { connection, queue, queueName, events } = await setup('failed');
    const job = await queue.add('bad', {});
    const failed = once<[{ jobId: string; failedReason: string }]>(events, 'failed');
    const worker = new Worker(
      queueName,
      async () => {
        throw new Error('exploded');
      },
      { connection },
    );
    closers.push(() => worker.close());
    await expect(job.waitUntilFinished(events)).rejects.toThrow('exploded');
    const [args] = await failed;
    expect(args).toMatchObject({ jobId: job.id, failedReason: 'exploded' });
  });

  it('emits delayed with the due time', async () => {
    const { queue, events } = await setup('delayed');
    const delayed = once<[{ jobId: string; delay: number }]>(events, 'delayed');
    const before = Date.now();
    const job = await queue.add('later', {}, { delay: 5_000 });
    const [args] = await delayed;
    expect(args.jobId).toBe(job.id);
    expect(Number(args.delay)).toBeGreaterThanOrEqual(before + 5_000);
  });

  it('lets several readers each see every event', async () => {
    const { queue, queueName } = await setup('fanout');
    const second = new QueueEvents(queueName, { connection: backend.connect(), lastEventId: '0-0' });
    closers.push(() => second.close());
    await second.waitUntilReady();
    const a: string[] = [];
    const b: string[] = [];
    second.on('waiting', ({ jobId }) => b.push(jobId));
    const first = new QueueEvents(queueName, { connection: backend.connect(), lastEventId: '0-0' });
    closers.push(() => first.close());
    await first.waitUntilReady();
    first.on('waiting', ({ jobId }) => a.push(jobId));
    const jobs = await queue.addBulk([1, 2, 3].map((n) => ({ name: 'n', data: { n } })));
    const ids = jobs.map((j) => j.id);
    await until('both readers saw all', () => a.length === 3 && b.length === 3);
    expect(a).toEqual(ids);
    expect(b).toEqual(ids);
  });

  it('resumes from lastEventId and replays the events after it', async () => {
    const { queue, queueName } = await setup('resume');
    const [first, second] = await queue.addBulk([
      { name: 'a', data: {} },
      { name: 'b', data: {} },
    ]);
    const reader = new QueueEvents(queueName, { connection: backend.connect(), lastEventId: '0-0' });
    closers.push(() => reader.close());
    const [, firstEventId] = await once<[{ jobId: string }, string]>(reader, 'waiting', (a) => a.jobId === first!.id);
    const later = new QueueEvents(queueName, { connection: backend.connect(), lastEventId: firstEventId });
    closers.push(() => later.close());
    const [args] = await once<[{ jobId: string }]>(later, 'waiting');
    expect(args.jobId).toBe(second!.id);
  });
});
