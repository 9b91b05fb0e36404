// A reference solution of the final challenge: the statistics service of exercise/README.md, built from the
// course's pieces. Yours may look quite different: the checker only holds it to the contract.
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';

export interface StatsService {
  app: FastifyInstance;
  /** Stops everything the service started (workers, queues, the app), so the process can exit. */
  close(): Promise<void>;
}

export interface StatsResult {
  count: number;
  sum: number;
  mean: number;
}

type StatsJob = { numbers: number[] };

/** The work: ten steps, with progress after each, as a slow computation would report it. */
async function computeStats(job: Job<StatsJob>): Promise<StatsResult> {
  const { numbers } = job.data;
  let sum = 0;
  const step = Math.ceil(numbers.length / 10);
  for (let start = 0; start < numbers.length; start += step) {
    for (const n of numbers.slice(start, start + step)) sum += n;
    if (Math.abs(sum) > Number.MAX_SAFE_INTEGER) {
      throw new UnrecoverableError('the sum is too large to be exact (over 2^53)'); // retrying will not help
    }
    await job.updateProgress(Math.round((Math.min(start + step, numbers.length) / numbers.length) * 100));
    await sleep(5);
  }
  return { count: numbers.length, sum, mean: sum / numbers.length };
}

export async function createService({ connection }: { connection: Connection }): Promise<StatsService> {
  const queue = new Queue<StatsJob, StatsResult>('stats', { connection });
  const queueEvents = new QueueEvents('stats', { connection });
  await queueEvents.waitUntilReady();
  const worker = new Worker<StatsJob, StatsResult>('stats', computeStats, { connection, concurrency: 4 });
  const app = Fastify();

  const notFound = (id: string) =>
    Object.assign(new Error(`No statistics job "${id}". Use the id POST /stats returned.`), { statusCode: 404 });

  app.post<{ Body: StatsJob }>(
    '/stats',
    {
      schema: {
        body: {
          type: 'object',
          required: ['numbers'],
          additionalProperties: false,
          properties: { numbers: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'number' } } },
        },
      },
    },
    async (request, reply) => {
      // Same Idempotency-Key, same job: the key becomes the job id (hashed: no ":" and never an integer).
      const key = request.headers['idempotency-key'];
      const jobId = typeof key === 'string' ? `key-${createHash('sha256').update(key).digest('hex')}` : undefined;
      const job = await queue.add('stats', request.body, { jobId, attempts: 2 });
      return reply.code(202).send({ id: job.id });
    },
  );

  app.get<{ Params: { id: string } }>('/stats/:id', async (request) => {
    // The state first, then the job: read the other way round, a job that completes in between would look
    // completed without its result (lesson 7).
    const status = await queue.getJobState(request.params.id);
    const job = await queue.getJob(request.params.id);
    if (!job) throw notFound(request.params.id);
    return {
      id: job.id,
      status,
      progress: job.progress,
      ...(status === 'completed' ? { result: job.returnvalue } : {}),
      ...(status === 'failed' ? { failedReason: job.failedReason } : {}),
    };
  });

  const streams = new Set<PassThrough>();
  app.addHook('preClose', async () => streams.forEach((stream) => stream.end()));
  app.get<{ Params: { id: string } }>('/stats/:id/events', async (request, reply) => {
    const { id } = request.params;
    if ((await queue.getJobState(id)) === 'unknown') throw notFound(id);
    const body = new PassThrough();
    streams.add(body);
    reply.header('content-type', 'text/event-stream').header('cache-control', 'no-cache').send(body);
    const send = (event: string, data: object) => body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const finish = (event: string, data: object) => {
      send(event, data);
      body.end();
    };
    // Listen first, then read where the job is now (lesson 7).
    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) =>
      jobId === id && send('progress', { progress: data });
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) =>
      jobId === id && finish('completed', { result: returnvalue });
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) =>
      jobId === id && finish('failed', { failedReason });
    queueEvents.on('progress', onProgress);
    queueEvents.on('completed', onCompleted);
    queueEvents.on('failed', onFailed);
    reply.raw.once('close', () => {
      queueEvents.off('progress', onProgress);
      queueEvents.off('completed', onCompleted);
      queueEvents.off('failed', onFailed);
      streams.delete(body);
    });
    const state = await queue.getJobState(id); // the state first, then the job (as in GET /stats/:id)
    const job = await queue.getJob(id);
    if (state === 'completed') finish('completed', { result: job?.returnvalue });
    else if (state === 'failed') finish('failed', { failedReason: job?.failedReason });
    return reply;
  });

  return {
    app,
    async close() {
      await app.close();
      await worker.close();
      await queueEvents.close();
      await queue.close();
    },
  };
}
