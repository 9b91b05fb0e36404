// The one place the queue trace reaches into BullMQ's insides. BullMQ has no public hook for "a Queue or
// Worker was created", but every QueueBase constructor (Queue, Worker, QueueEvents, JobScheduler) calls the
// private createBackend once its name and options are set (BullMQ 6.7.0, pinned): QueueBase's own, or
// Worker's override of it. This wraps both, and only this file knows them;
// test/bullmq-construction-hook.test.ts fails loudly if an upgrade renames them, stops calling them from
// the constructors, or calls them before name and opts are set.
import { QueueBase, Worker } from 'bullmq';

type Hookable = { createBackend?: (...args: unknown[]) => unknown; constructor: { name: string } };

/** Calls `onCreated` for every QueueBase (Queue, Worker, …) constructed from now on; returns the undo. */
export function onQueueBaseCreated(onCreated: (created: QueueBase) => void): () => void {
  const undo = [QueueBase.prototype, Worker.prototype].map((proto) =>
    wrapCreateBackend(proto as unknown as Hookable, onCreated),
  );
  return () => undo.reverse().forEach((restore) => restore());
}

function wrapCreateBackend(proto: Hookable, onCreated: (created: QueueBase) => void): () => void {
  const original = proto.createBackend;
  if (typeof original !== 'function' || !Object.prototype.hasOwnProperty.call(proto, 'createBackend')) {
    throw new Error(
      `queue trace: BullMQ's ${proto.constructor.name} no longer defines createBackend, which the trace uses to ` +
        'notice new queues and workers; see course-tools/src/bullmq-construction-hook.ts.',
    );
  }
  proto.createBackend = function (this: QueueBase, ...args: unknown[]) {
    const result = original.apply(this, args);
    onCreated(this);
    return result;
  };
  return () => {
    proto.createBackend = original;
  };
}
