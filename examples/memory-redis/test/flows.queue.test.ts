// Parity: flows (FlowProducer): a parent waits for its children, reads their results, and fails when a
// child with failParentOnFailure fails.
import { afterEach, describe, expect, it } from 'vitest';
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import { backendNames, useBackend } from './support/backends.ts';

describe.each(backendNames())('flows on %s', (name) => {
  const backend = useBackend(name);
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function setup(label: string) {
    const connection = backend.connect();
    const parentQueue = backend.queueName(`${label}-parent`);
    const childQueue = backend.queueName(`${label}-child`);
    const flow = new FlowProducer({ connection });
    const events = new QueueEvents(parentQueue, { connection: backend.connect() });
    const queue = new Queue(parentQueue, { connection });
    closers.push(
      () => flow.close(),
      () => events.close(),
      () => queue.close(),
    );
    await events.waitUntilReady();
    return { connection, parentQueue, childQueue, flow, events, queue };
  }

  it('runs the parent after all children and gives it their return values', async () => {
    const { connection, parentQueue, childQueue, flow, events } = await setup('ok');
    const tree = await flow.add({
      name: 'sum',
      queueName: parentQueue,
      children: [1, 2, 3].map((n) => ({ name: 'square', queueName: childQueue, data: { n } })),
    });
    expect(await tree.job.getState()).toBe('waiting-children');
    const childWorker = new Worker(childQueue, async (j) => j.data.n * j.data.n, { connection });
    const parentWorker = new Worker(
      parentQueue,
      async (j) => {
        const values = await j.getChildrenValues<number>();
        return Object.values(values).reduce((a, b) => a + b, 0);
      },
      { connection },
    );
    closers.push(
      () => childWorker.close(),
      () => parentWorker.close(),
    );
    expect(await tree.job.waitUntilFinished(events)).toBe(14);
    const counts = await tree.job.getDependenciesCount();
    expect(counts).toMatchObject({ processed: 3, unprocessed: 0 });
  });

  it('fails the parent when a child with failParentOnFailure fails', async () => {
    const { connection, parentQueue, childQueue, flow, events, queue } = await setup('fail');
    const tree = await flow.add({
      name: 'parent',
      queueName: parentQueue,
      children: [
        { name: 'good', queueName: childQueue, data: { fail: false } },
        { name: 'bad', queueName: childQueue, data: { fail: true }, opts: { failParentOnFailure: true } },
      ],
    });
    const childWorker = new Worker(
      childQueue,
      async (j) => {
        if (j.data.fail) throw new Error('child broke');
        return 'fine';
      },
      { connection, concurrency: 1 },
    );
    let parentRan = false;
    const parentWorker = new Worker(parentQueue, async () => void (parentRan = true), { connection });
    closers.push(
      () => childWorker.close(),
      () => parentWorker.close(),
    );
    await expect(tree.job.waitUntilFinished(events)).rejects.toThrow(/child/);
    expect(parentRan).toBe(false);
    const parent = (await queue.getJob(tree.job.id!))!;
    expect(await parent.getState()).toBe('failed');
  });
});
