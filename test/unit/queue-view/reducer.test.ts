// The queue panel's reducer, fed with traces captured from BullMQ on a real Redis (fixtures/) and with
// hand-made sequences for the orderings real runs produce only sometimes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  initialQueueViewState,
  jobOf,
  jobsInOrder,
  reduceAll,
  reduceQueueView,
  type QueueViewState,
} from '../../../src/lib/queue-view/reducer.ts';

function fixture(name: string): unknown[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.trace.json`, import.meta.url), 'utf8')) as unknown[];
}

let clock = 1_000_000_000_000;
function ev(fields: Record<string, unknown>): Record<string, unknown> {
  clock += 10;
  return { v: 1, ts: clock, seq: 0, queue: 'q', ...fields };
}

const zeroCounts = {
  waiting: 0,
  prioritized: 0,
  delayed: 0,
  active: 0,
  'waiting-children': 0,
  completed: 0,
  failed: 0,
};

describe('retries (captured from the 05-queue-basics retry example)', () => {
  const state = reduceAll(fixture('retries'));
  const [job] = jobsInOrder(state);

  it('shows one job that failed twice, then completed on its third attempt', () => {
    expect(jobsInOrder(state)).toHaveLength(1);
    expect(job).toMatchObject({ id: '1', name: 'add', state: 'completed', returnvalue: 5, maxAttempts: 3 });
    expect(job!.data).toEqual({ x: 2, y: 3 });
    expect(job!.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'completed']);
    expect(job!.attempts.map((a) => a.failedReason)).toEqual([
      'flaky service did not answer',
      'flaky service did not answer',
      undefined,
    ]);
    expect(state.counts).toEqual({ ...zeroCounts, completed: 1 });
  });

  it('knows which worker ran each attempt and the backoff before the next one', () => {
    expect(job!.attempts.map((a) => a.workerId)).toEqual(['worker-1', 'worker-1', 'worker-1']);
    expect(job!.attempts.map((a) => a.retryDelay)).toEqual([200, 400, undefined]);
    const delayed = job!.marks.filter((m) => m.kind === 'delayed');
    expect(delayed).toHaveLength(2);
    // The gap between attempts is at least the backoff BullMQ announced.
    const [first, second] = job!.attempts;
    expect(second!.startedAt! - first!.endedAt!).toBeGreaterThanOrEqual(150);
    expect(state.workers).toEqual(['worker-1']);
  });
});

describe('schedulers and flows (captured from fixtures/queue-trace/scheduler-and-flow.ts)', () => {
  const state = reduceAll(fixture('scheduler-and-flow'));
  const jobs = jobsInOrder(state);

  it('lists the scheduler with its repeat options and the jobs it created as ticks', () => {
    const schedulers = Object.values(state.schedulers);
    expect(schedulers).toHaveLength(1);
    const [scheduler] = schedulers;
    expect(scheduler).toMatchObject({ id: 'every-100ms', every: 100, name: 'tick', removed: true });
    expect(scheduler!.ticks.length).toBe(4);
    const tickJobs = jobs.filter((j) => j.schedulerId === 'every-100ms');
    expect(tickJobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed', 'removed']);
    expect(tickJobs[0]!.logs[0]).toMatch(/^tick repeat:every-100ms:/);
  });

  it('links the flow parent to its children, and the parent waited for them', () => {
    const parent = jobs.find((j) => j.name === 'sum')!;
    expect(parent.state).toBe('completed');
    expect(parent.returnvalue).toBe(6);
    expect(parent.children).toHaveLength(2);
    expect(parent.marks.map((m) => m.kind)).toContain('waiting-children');
    for (const ref of parent.children) {
      const child = jobOf(state, `${ref.queue}/${ref.id}`)!;
      expect(child.parent).toEqual({ queue: parent.queue, id: parent.id });
      expect(child.state).toBe('completed');
    }
    expect(state.counts).toEqual({ ...zeroCounts, completed: 6 });
  });
});

describe('ordering', () => {
  it('gives the same attempts whether the worker or the event stream reports first', () => {
    const stream = [
      ev({ source: 'events', type: 'added', jobId: '1', name: 'add', attempts: 2 }),
      ev({ source: 'events', type: 'waiting', jobId: '1' }),
      ev({ source: 'events', type: 'active', jobId: '1', prev: 'waiting' }),
      ev({ source: 'events', type: 'delayed', jobId: '1', dueAt: clock + 100 }),
      ev({ source: 'events', type: 'waiting', jobId: '1', prev: 'delayed' }),
      ev({ source: 'events', type: 'active', jobId: '1', prev: 'waiting' }),
      ev({ source: 'events', type: 'completed', jobId: '1', prev: 'active', returnvalue: 5 }),
    ];
    const worker = [
      ev({ source: 'worker', type: 'active', jobId: '1', workerId: 'w', attempt: 1 }),
      ev({ source: 'worker', type: 'failed', jobId: '1', workerId: 'w', attempt: 1, failedReason: 'boom' }),
      ev({ source: 'worker', type: 'active', jobId: '1', workerId: 'w', attempt: 2 }),
      ev({ source: 'worker', type: 'completed', jobId: '1', workerId: 'w', attempt: 2, returnvalue: 5 }),
    ];
    const workerFirst = reduceAll([...worker, ...stream]);
    const streamFirst = reduceAll([...stream, ...worker]);
    const interleaved = reduceAll([
      stream[0],
      worker[0],
      stream[1],
      stream[2],
      worker[1],
      ...stream.slice(3),
      ...worker.slice(2),
    ]);
    for (const state of [workerFirst, streamFirst, interleaved]) {
      const job = jobOf(state, 'q/1')!;
      expect(job.state).toBe('completed');
      expect(job.attempts.map((a) => [a.n, a.outcome, a.workerId])).toEqual([
        [1, 'failed', 'w'],
        [2, 'completed', 'w'],
      ]);
      expect(job.attempts[0]!.failedReason).toBe('boom');
      expect(state.counts.completed).toBe(1);
      expect(state.counts.active).toBe(0);
    }
  });

  it('counts each job once, in the state the stream last reported', () => {
    let state = initialQueueViewState();
    const counts: Array<QueueViewState['counts']> = [];
    for (const event of [
      ev({ source: 'events', type: 'added', jobId: 'a' }),
      ev({ source: 'events', type: 'waiting', jobId: 'a' }),
      ev({ source: 'events', type: 'added', jobId: 'b', delay: 500 }),
      ev({ source: 'events', type: 'delayed', jobId: 'b', dueAt: clock + 500 }),
      ev({ source: 'events', type: 'added', jobId: 'c', priority: 3 }),
      ev({ source: 'events', type: 'waiting', jobId: 'c' }),
      ev({ source: 'events', type: 'active', jobId: 'a' }),
      ev({ source: 'events', type: 'failed', jobId: 'a', failedReason: 'no' }),
    ]) {
      state = reduceQueueView(state, event);
      counts.push(state.counts);
    }
    expect(counts[1]).toEqual({ ...zeroCounts, waiting: 1 });
    expect(counts[3]).toEqual({ ...zeroCounts, waiting: 1, delayed: 1 });
    expect(counts[5]).toEqual({ ...zeroCounts, waiting: 1, delayed: 1, prioritized: 1 });
    expect(counts[6]).toEqual({ ...zeroCounts, active: 1, delayed: 1, prioritized: 1 });
    expect(counts[7]).toEqual({ ...zeroCounts, failed: 1, delayed: 1, prioritized: 1 });
    expect(jobOf(state, 'q/a')!.failedReason).toBe('no');
    expect(state.order).toEqual(['q/a', 'q/b', 'q/c']);
  });

  it('shows the new job when a finished job id is added again', () => {
    const state = reduceAll([
      ev({ source: 'events', type: 'added', jobId: 'order-42', data: { n: 1 } }),
      ev({ source: 'events', type: 'active', jobId: 'order-42' }),
      ev({ source: 'events', type: 'completed', jobId: 'order-42', returnvalue: 'ok' }),
      ev({ source: 'events', type: 'removed', jobId: 'order-42' }),
      ev({ source: 'events', type: 'added', jobId: 'order-42', data: { n: 2 } }),
    ]);
    const job = jobOf(state, 'q/order-42')!;
    expect(job).toMatchObject({ state: 'waiting', data: { n: 2 }, attempts: [] });
    expect(job.returnvalue).toBeUndefined();
    expect(state.counts).toEqual({ ...zeroCounts, waiting: 1 });
  });

  it('keeps jobs of different queues with the same id apart', () => {
    const state = reduceAll([
      ev({ source: 'events', type: 'added', jobId: '1', queue: 'emails' }),
      ev({ source: 'events', type: 'added', jobId: '1', queue: 'reports' }),
      ev({ source: 'events', type: 'active', jobId: '1', queue: 'reports' }),
    ]);
    expect(jobOf(state, 'emails/1')!.state).toBe('waiting');
    expect(jobOf(state, 'reports/1')!.state).toBe('active');
    expect(state.queues).toEqual(['emails', 'reports']);
  });

  it('does not change earlier states (each step returns a new state)', () => {
    const first = reduceAll([ev({ source: 'events', type: 'added', jobId: '1' })]);
    const snapshot = JSON.stringify(first);
    reduceAll(
      [ev({ source: 'events', type: 'active', jobId: '1' }), ev({ source: 'job', type: 'log', jobId: '1', log: 'x' })],
      first,
    );
    expect(JSON.stringify(first)).toBe(snapshot);
  });
});

describe('retries without backoff and final failures', () => {
  it('ends an attempt when the stream moves the job from active back to waiting', () => {
    const state = reduceAll([
      ev({ source: 'events', type: 'added', jobId: '1', attempts: 2 }),
      ev({ source: 'events', type: 'active', jobId: '1' }),
      ev({ source: 'events', type: 'waiting', jobId: '1', prev: 'active' }),
      ev({ source: 'events', type: 'active', jobId: '1' }),
      ev({ source: 'events', type: 'failed', jobId: '1', failedReason: 'still broken' }),
      ev({ source: 'events', type: 'retries-exhausted', jobId: '1', attempt: 2 }),
    ]);
    const job = jobOf(state, 'q/1')!;
    expect(job.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
    expect(job.state).toBe('failed');
    expect(job.failedReason).toBe('still broken');
    expect(job.marks.at(-1)!.kind).toBe('retries-exhausted');
    expect(state.counts).toEqual({ ...zeroCounts, failed: 1 });
  });
});

describe('unknown and malformed events', () => {
  const good = ev({ source: 'events', type: 'added', jobId: '1' });
  const junk: unknown[] = [
    null,
    42,
    'ASYNC_LAB_TRACE',
    [],
    {},
    { ...good, v: 2 },
    { ...good, ts: 'yesterday' },
    { ...good, queue: undefined },
    { ...good, type: 'teleported' },
    { ...good, source: 'martians' },
    ev({ source: 'worker', type: 'active' }),
    ev({ source: 'queue', type: 'scheduler' }),
    ev({ source: 'job', type: 'log', jobId: '1' }),
  ];

  it('ignores them without throwing and without changing the panel', () => {
    const before = reduceAll([good]);
    const after = reduceAll(junk, before);
    expect(after.ignored).toBe(junk.length);
    expect({ ...after, ignored: 0 }).toEqual({ ...before, ignored: 0 });
  });

  it('tolerates wrong field types inside an otherwise valid event', () => {
    const state = reduceAll([
      ev({ source: 'events', type: 'added', jobId: '1', attempts: 'three', parent: 'nope', priority: null }),
      ev({ source: 'worker', type: 'failed', jobId: '1', attempt: 'first', failedReason: 7 }),
    ]);
    expect(jobOf(state, 'q/1')).toMatchObject({ state: 'waiting', maxAttempts: 1 });
    expect(jobOf(state, 'q/1')!.parent).toBeUndefined();
    expect(state.ignored).toBe(0);
  });
});
