import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { add, type AddData } from '../src/math-tasks.ts';
import { packageScripts, uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript } = packageScripts(new URL('..', import.meta.url));

describe('add(2, 3) on a queue', () => {
  const connection = createConnection();
  const toClose: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const closable of toClose.splice(0)) await closable.close();
  });
  afterAll(() => connection.quit());

  it('waits in the queue until a worker takes it, then holds the result 5', async () => {
    const name = uniqueQueueName('math');
    const queue = new Queue<AddData, number>(name, { connection });
    const queueEvents = new QueueEvents(name, { connection });
    toClose.push(queueEvents, queue);
    await queueEvents.waitUntilReady();

    const job = await queue.add('add', { x: 2, y: 3 });
    expect(await job.getState()).toBe('waiting');

    const worker = new Worker<AddData, number>(name, add, { connection });
    toClose.unshift(worker);
    expect(await job.waitUntilFinished(queueEvents)).toBe(5);
    const stored = await queue.getJob(job.id!);
    expect(await stored?.getState()).toBe('completed');
    expect(stored?.returnvalue).toBe(5);
  });

  it('npm start prints the job going from waiting to completed', async () => {
    const run = await runScript('src/add-demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'queued job 1: add(2, 3), state: waiting',
        'worker started',
        'job 1 finished: add(2, 3) = 5, state: completed',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
  });
});
