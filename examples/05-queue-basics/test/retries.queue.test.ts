import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker, type JobsOptions } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { flakyAdd, type AddData } from '../src/math-tasks.ts';
import { backoffDelay } from '../src/retry-options.ts';
import { packageScripts, uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript } = packageScripts(new URL('..', import.meta.url));

describe('attempts, backoff and permanently failed jobs', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  // Runs one flakyAdd job to its final state and records when each attempt started.
  async function runFlakyAdd(data: AddData, options: JobsOptions) {
    const name = uniqueQueueName('retries');
    const queue = new Queue<AddData, number>(name, { connection });
    const queueEvents = new QueueEvents(name, { connection });
    const worker = new Worker<AddData, number>(name, flakyAdd, { connection });
    toClose.push(worker, queueEvents, queue);
    const attemptStarts: number[] = [];
    worker.on('active', () => attemptStarts.push(Date.now()));
    await queueEvents.waitUntilReady();

    const job = await queue.add('add', data, options);
    const outcome = await job.waitUntilFinished(queueEvents).catch((error: Error) => error);
    const stored = (await queue.getJob(job.id!))!;
    return { outcome, stored, state: await stored.getState(), attemptStarts };
  }

  it('a job that fails twice succeeds on its third attempt', async () => {
    const run = await runFlakyAdd({ x: 2, y: 3 }, { attempts: 3, backoff: { type: 'exponential', delay: 20 } });
    expect(run.outcome).toBe(5);
    expect(run.state).toBe('completed');
    expect(run.stored.attemptsMade).toBe(3);
  });

  it('waits at least the exponential backoff before each retry (20 ms, then 40 ms)', async () => {
    const run = await runFlakyAdd({ x: 2, y: 3 }, { attempts: 3, backoff: { type: 'exponential', delay: 20 } });
    const [first, second, third] = run.attemptStarts;
    expect(run.attemptStarts).toHaveLength(3);
    // A lower bound only: retries never come early; how late they come is not the point here.
    expect(second! - first!).toBeGreaterThanOrEqual(backoffDelay(1, 20) - 1);
    expect(third! - second!).toBeGreaterThanOrEqual(backoffDelay(2, 20) - 1);
  });

  it('fails for good, with its reason, when the attempts run out', async () => {
    const run = await runFlakyAdd({ x: 2, y: 3 }, { attempts: 2, backoff: 10 });
    expect(run.outcome).toBeInstanceOf(Error);
    expect(run.state).toBe('failed');
    expect(run.stored.failedReason).toBe('flaky service did not answer');
    expect(run.stored.attemptsMade).toBe(2);
  });

  it('fails bad input at once (UnrecoverableError), although more attempts are allowed', async () => {
    const run = await runFlakyAdd({ x: 2, y: 'three' } as unknown as AddData, { attempts: 3, backoff: 10 });
    expect(run.state).toBe('failed');
    expect(run.stored.failedReason).toBe('add needs two numbers, got {"x":2,"y":"three"}');
    expect(run.stored.attemptsMade).toBe(1);
  });

  it('backoffDelay doubles the wait after every failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, 200))).toEqual([200, 400, 800, 1600]);
  });

  it('npm run retries prints each attempt and the wait before the next', async () => {
    const run = await runScript('src/retries-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'queued job 1: add(2, 3) with {"attempts":3,"backoff":{"type":"exponential","delay":200}}',
      'job 1 active     attempt 1',
      'job 1 failed     flaky service did not answer',
      '             retry in 200 ms',
      'job 1 active     attempt 2',
      'job 1 failed     flaky service did not answer',
      '             retry in 400 ms',
      'job 1 active     attempt 3',
      'job 1 completed  result 5',
      'job 1 finished: add(2, 3) = 5',
      '',
    ]);
    expect(run.code).toBe(0);
  });

  it('npm run failures lists the failed jobs with their reasons', async () => {
    const run = await runScript('src/failures-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'queued job 1: add(2, 3) with 2 attempts',
      'queued job 2: add(2, "three") with 3 attempts',
      'failed jobs stay in the queue, with their reason:',
      '  job 1 failed after 2 attempt(s): flaky service did not answer',
      '  job 2 failed after 1 attempt(s): add needs two numbers, got {"x":2,"y":"three"}',
      'job counts: {"completed":0,"failed":2}',
      '',
    ]);
    expect(run.code).toBe(0);
  });
});
