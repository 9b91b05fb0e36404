// Keeps tests apart on one Redis while the lesson code names its queues plainly ('math', 'add'): every
// BullMQ queue a test process opens gets a test-only key prefix in front of its own, through BullMQ's
// documented default backend factory (the `prefix` option BullMQ's own test suite gives each test).
import { randomUUID } from 'node:crypto';
import { createConnection } from '@async-lab/memory-redis';
import { createRedisBackend, setDefaultBackendFactory, type IQueueBackend, type KeyPrefixOptions } from 'bullmq';

/** How a test hands its prefix to the programs it starts; read only here and in isolate-preload.ts. */
export const TEST_PREFIX_ENV = 'ASYNC_LAB_TEST_PREFIX';

/** A prefix no other test uses. Short: it ends up in every key and connection name. */
export function newTestPrefix(): string {
  return `alt-${randomUUID().slice(0, 8)}`;
}

/** The key prefix a queue with `prefix` (BullMQ's option, 'bull' when absent) gets under `testPrefix`. */
export function isolatedPrefix(testPrefix: string, prefix = 'bull'): string {
  // '-' rather than ':' keeps it one segment, as BullMQ expects of a prefix. Already isolated stays as is:
  // BullMQ hands prefixes it read back from keys (a flow's children) to forQueue() again.
  return prefix.startsWith(`${testPrefix}-`) ? prefix : `${testPrefix}-${prefix}`;
}

/** From now on, every Queue, Worker, QueueEvents and FlowProducer in this process keys under `testPrefix`. */
export function isolateQueues(testPrefix: string): void {
  // forQueue() is how a FlowProducer reaches each queue of a flow, with the prefix the flow names: isolated too.
  const isolate = (backend: IQueueBackend): IQueueBackend => {
    const forQueue = backend.forQueue.bind(backend);
    backend.forQueue = (queueName, prefix) =>
      isolate(forQueue(queueName, prefix === undefined ? undefined : isolatedPrefix(testPrefix, prefix)));
    return backend;
  };
  setDefaultBackendFactory((name, opts, flags) => {
    // `prefix` is a Redis-only option, so BullMQ keeps it out of the factory's option type (KeyPrefixOptions).
    const { prefix } = opts as KeyPrefixOptions;
    const isolated = { ...opts, prefix: isolatedPrefix(testPrefix, prefix) } as typeof opts;
    return isolate(createRedisBackend(name, isolated, flags));
  });
}

/** Deletes a test's keys from a real Redis when it is done: everything under `testPrefix`, nothing else. */
export async function removeTestKeys(url: string, testPrefix: string): Promise<void> {
  const redis = createConnection({ url });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${isolatedPrefix(testPrefix, '')}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
