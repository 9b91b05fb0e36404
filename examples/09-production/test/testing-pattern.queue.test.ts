// Testing queue code: the pattern this course's own tests follow, shown in lesson 9. Copy it.
// 1. Keep tests apart on one Redis: the setup file every test file runs (course-tools/testing/vitest-setup.ts)
//    gives this file's queues a key prefix of their own, so the code under test names its queue plainly.
// 2. Wait for the job itself (waitUntilFinished, an event), never for a fixed time: fast when the machine is
//    fast, still right when it is slow.
// 3. Close everything you opened, so the test process ends by itself.
// 4. Run the same tests on the in-memory Redis and on a real one (npm test does both passes).
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shutDownGracefully } from '../src/shutdown.ts';
import { startWorker } from '../src/start-worker.ts';
import { openQueue, QUEUE_NAME, prefix } from '../src/work-queue.ts';

describe('the reports worker', () => {
  const { queue, close } = openQueue(); // the lesson's own queue, 'reports': isolated by the setup
  const queueEvents = new QueueEvents(QUEUE_NAME, { connection: queue.opts.connection, prefix });
  const lines: string[] = [];
  const { worker, connections } = startWorker('worker-1', { log: (line) => lines.push(line) });

  // Listen before adding: a QueueEvents only hears what happens after it is ready.
  beforeAll(() => queueEvents.waitUntilReady());
  afterAll(async () => {
    await shutDownGracefully(worker, connections);
    await queueEvents.close();
    await close();
  });

  it('runs a report and says which worker did', async () => {
    const job = await queue.add('report', { ms: 20 });
    expect(await job.waitUntilFinished(queueEvents)).toEqual({ worker: 'worker-1' });
    expect(lines).toEqual([`worker-1 started ${job.id}`, `worker-1 finished ${job.id}`]);
  });

  it('takes one job at a time (concurrency 1): the second starts after the first ends', async () => {
    lines.length = 0;
    const [first, second] = await queue.addBulk([
      { name: 'report', data: { ms: 50 } },
      { name: 'report', data: { ms: 50 } },
    ]);
    await Promise.all([first!.waitUntilFinished(queueEvents), second!.waitUntilFinished(queueEvents)]);
    expect(lines).toEqual([
      `worker-1 started ${first!.id}`,
      `worker-1 finished ${first!.id}`,
      `worker-1 started ${second!.id}`,
      `worker-1 finished ${second!.id}`,
    ]);
  });

  it('reports each completed job as an event, with its result', async () => {
    // Collect events and look for this job's own: an earlier test's event may still be on its way, so "the next
    // completed event" (once(worker, 'completed')) could be someone else's. expect.poll retries until it holds.
    const completed: Array<{ id?: string; result: unknown }> = [];
    worker.on('completed', (done, result) => completed.push({ id: done.id, result }));
    const job = await queue.add('report', { ms: 1 });
    await expect
      .poll(() => completed.find((event) => event.id === job.id))
      .toEqual({
        id: job.id,
        result: { worker: 'worker-1' },
      });
  });
});
