// What bullmq-construction-hook.ts relies on inside BullMQ (pinned), checked so an upgrade that changes it
// fails here, by name, instead of the queue panel silently showing nothing.
import { MemoryRedis } from '@async-lab/memory-redis';
import { FlowProducer, Queue, QueueBase, Worker } from 'bullmq';
import { afterEach, expect, it } from 'vitest';
import { onQueueBaseCreated } from '../src/bullmq-construction-hook.ts';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

it('hears of every Queue and Worker as it is constructed, with its name and options set', async () => {
  const connection = new MemoryRedis({ port: 30_000 + Math.floor(Math.random() * 20_000) });
  closers.push(async () => connection.disconnect());
  const seen: string[] = [];
  const undo = onQueueBaseCreated((created) => {
    expect(created).toBeInstanceOf(QueueBase);
    seen.push(`${created.constructor.name} ${created.name} ${(created.opts as { prefix?: string }).prefix}`);
  });
  try {
    const queue = new Queue('hooked', { connection, prefix: 'p1' });
    const worker = new Worker('hooked', async () => {}, { connection, prefix: 'p1' });
    closers.push(
      () => queue.close(),
      () => worker.close(),
    );
    expect(seen).toEqual(['Queue hooked p1', 'Worker hooked p1']);
  } finally {
    undo();
  }
  const after = new Queue('unhooked', { connection });
  closers.push(() => after.close());
  expect(seen).toHaveLength(2);
  // The flow producer is not a QueueBase: the trace observes it on its own (FlowProducer.prototype.add).
  expect(FlowProducer.prototype).not.toBeInstanceOf(QueueBase);
});

it('puts QueueBase and Worker back as it found them', () => {
  const before = [QueueBase, Worker].map((c) => Object.getOwnPropertyDescriptor(c.prototype, 'createBackend'));
  onQueueBaseCreated(() => {})();
  const after = [QueueBase, Worker].map((c) => Object.getOwnPropertyDescriptor(c.prototype, 'createBackend'));
  expect(after).toEqual(before);
});
