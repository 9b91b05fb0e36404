import { once } from 'node:events';
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeWorkerOnSignal } from '../src/graceful-shutdown.ts';
import { logWorkerEvents } from '../src/log-worker-events.ts';
import { slowTask, type SlowData } from '../src/slow-task.ts';
import { packageScripts, uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript } = packageScripts(new URL('..', import.meta.url));

describe('workers: events, concurrency, graceful shutdown', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  function setUp(concurrency = 1) {
    const name = uniqueQueueName('slow');
    const queue = new Queue<SlowData, string>(name, { connection });
    const queueEvents = new QueueEvents(name, { connection });
    const worker = new Worker<SlowData, string>(name, slowTask, { connection, concurrency });
    toClose.push(worker, queueEvents, queue);
    return { queue, queueEvents, worker };
  }

  it('worker events report a job becoming active, its progress and its result', async () => {
    const { queue, worker } = setUp();
    const lines: string[] = [];
    logWorkerEvents(worker, (line) => lines.push(line));
    const completed = once(worker, 'completed');
    await queue.add('slow', { ms: 40 });
    await completed;
    expect(lines).toEqual([
      'job 1 active     attempt 1',
      'job 1 progress   25',
      'job 1 progress   50',
      'job 1 progress   75',
      'job 1 progress   100',
      'job 1 completed  result "done in 40 ms"',
    ]);
  });

  it.each([1, 3])('a worker with concurrency %i runs at most that many jobs at once', async (concurrency) => {
    const { queue, queueEvents, worker } = setUp(concurrency);
    let running = 0;
    let mostAtOnce = 0;
    worker.on('active', () => (mostAtOnce = Math.max(mostAtOnce, ++running)));
    worker.on('completed', () => running--);
    await queueEvents.waitUntilReady();
    const jobs = await queue.addBulk([1, 2, 3, 4, 5, 6].map(() => ({ name: 'slow', data: { ms: 60 } })));
    await Promise.all(jobs.map((job) => job.waitUntilFinished(queueEvents)));
    expect(mostAtOnce).toBe(concurrency);
  });

  it('on SIGINT the worker finishes the running job, takes no new one, then closes', async () => {
    const { queue, worker } = setUp();
    let afterCloseRan = false;
    const stopListening = closeWorkerOnSignal(worker, async () => {
      afterCloseRan = true;
    });
    try {
      const firstActive = new Promise((resolve) => worker.once('active', resolve));
      const [first, second] = await queue.addBulk([
        { name: 'slow', data: { ms: 200 } },
        { name: 'slow', data: { ms: 200 } },
      ]);
      await firstActive;
      const closed = new Promise<void>((resolve) => worker.once('closed', () => resolve()));
      process.emit('SIGINT', 'SIGINT'); // what Ctrl+C delivers, without signalling the test runner
      await closed;
      expect(await first!.getState()).toBe('completed');
      expect(await second!.getState()).toBe('waiting'); // not lost: the next worker will run it
      await expect.poll(() => afterCloseRan).toBe(true);
    } finally {
      stopListening();
    }
  });

  it('npm run shutdown: SIGTERM mid-job, the job still completes, two stay waiting, exit code 0', async () => {
    const run = await runScript('src/shutdown-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'queued 3 jobs of 1 s each',
      'job 1 active     attempt 1',
      'job 1 progress   25',
      'SIGTERM received: finishing the running job, taking no new ones',
      'job 1 progress   50',
      'job 1 progress   75',
      'job 1 progress   100',
      'job 1 completed  result "done in 1000 ms"',
      'worker closed',
      'still in the queue for the next worker: 2 waiting, 0 active',
      '',
    ]);
    expect(run.code).toBe(0);
  });

  it('npm run concurrency compares concurrency 1 and 4 on the same four jobs', async () => {
    const run = await runScript('src/concurrency-demo.ts');
    expect(run.stderr).toBe('');
    // Timings are printed rounded, but a test never asserts on speed: only the shape of each line.
    expect(run.stdout).toMatch(/^concurrency 1: 4 jobs × 0\.5 s took ≈ \d+\.\d s, at most 1 running at once$/m);
    expect(run.stdout).toMatch(/^concurrency 4: 4 jobs × 0\.5 s took ≈ \d+\.\d s, at most 4 running at once$/m);
    expect(run.code).toBe(0);
  });
});
