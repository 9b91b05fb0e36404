// Test isolation lives in the tests: programs that name their queue plainly ('plain') still run side by side
// on one Redis, each seeing only its own jobs, and leave nothing behind on a real Redis that holds other data.
import { createConnection } from '@async-lab/memory-redis';
import { FlowProducer, Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedPrefix, TEST_PREFIX_ENV } from '../testing/queue-isolation.ts';
import { packageScripts } from '../testing/queue-test-kit.ts';

const { runScript } = packageScripts(new URL('..', import.meta.url));
const connection = createConnection();
afterAll(() => connection.quit());

it('keys the queues of this test file under its own prefix', async () => {
  const queue = new Queue('plain', { connection });
  expect(queue.qualifiedName).toBe(`${isolatedPrefix(process.env[TEST_PREFIX_ENV]!)}:plain`);
  await queue.close();
});

it('isolates flows that name their own prefix, as the capstone does (FlowProducer reaches queues by forQueue)', async () => {
  const flows = new FlowProducer({ connection });
  const parents = new Queue('parents', { connection, prefix: 'app' });
  try {
    const flow = await flows.add({
      name: 'parent',
      queueName: 'parents',
      prefix: 'app',
      children: [{ name: 'child', queueName: 'children', prefix: 'app' }],
    });
    expect(parents.qualifiedName).toBe(`${isolatedPrefix(process.env[TEST_PREFIX_ENV]!, 'app')}:parents`);
    expect(await parents.getJobState(flow.job.id!)).toBe('waiting-children');
    const tree = await flows.getFlow({ id: flow.job.id!, queueName: 'parents', prefix: 'app' });
    expect(tree?.children?.map((child) => child.job.name)).toEqual(['child']);
  } finally {
    await flows.close();
    await parents.close();
  }
});

it('gives every program its own prefix: two runs of the same program both get job 1', async () => {
  const runs = await Promise.all([1, 2].map(() => runScript('fixtures/queue-isolation/plain-queue.ts')));
  for (const run of runs) expect(run.stderr).toBe('');
  const [first, second] = runs.map((run) => run.stdout.trim());
  expect(first).toMatch(/^alt-[0-9a-f]{8}-bull:plain job 1$/);
  expect(second).toMatch(/^alt-[0-9a-f]{8}-bull:plain job 1$/);
  expect(first).not.toBe(second);
});

describe.runIf(process.env.REDIS_URL)('on a real Redis that already holds data', () => {
  it('ignores what is there, leaves it as it was, and removes its own keys', async () => {
    // What an earlier run of the program without isolation (or another app) left in the same Redis.
    await connection.set('bull:plain:id', '41');
    try {
      const run = await runScript('fixtures/queue-isolation/plain-queue.ts');
      const [prefix] = run.stdout.trim().split(':');
      expect(run.stdout.trim()).toBe(`${prefix}:plain job 1`);
      expect(await connection.get('bull:plain:id')).toBe('41');
      expect(await connection.keys(`${prefix}:*`)).toEqual([]);
    } finally {
      await connection.del('bull:plain:id');
    }
  });
});
