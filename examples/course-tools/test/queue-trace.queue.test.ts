// The queue trace, end to end: a real program run traced as the site's runners trace it, on the in-memory
// Redis (npm test) and on a real redis-server (npm run test:redis), read back from its stdout.
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';
import { describe, expect, it } from 'vitest';
import { TRACE_PREFIX, type TraceEvent } from '../src/trace-event.ts';

const { runScript } = packageScripts(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  output: string;
  trace: TraceEvent[];
}

/** Runs a fixture the way the runners do: ASYNC_LAB_TRACE=1, and @async-lab/memory-redis loads the tracer. */
async function run(fixture: string, traced: boolean): Promise<Run> {
  const { code, stdout, stderr } = await runScript(`fixtures/queue-trace/${fixture}`, {
    ASYNC_LAB_TRACE: traced ? '1' : '',
  });
  const lines = stdout.split('\n');
  const trace = lines.filter((l) => l.startsWith(TRACE_PREFIX)).map((l) => JSON.parse(l.slice(TRACE_PREFIX.length)));
  const output = lines.filter((l) => !l.startsWith(TRACE_PREFIX)).join('\n') + stderr;
  return { code, output, trace };
}

const of = (trace: TraceEvent[], source: string, jobId?: string) =>
  trace.filter((e) => e.source === source && (jobId === undefined || e.jobId === jobId));

describe('queue trace on a retried job', () => {
  it('reports every state change from Redis, and every attempt from the worker, then exits on its own', async () => {
    const { code, output, trace } = await run('retry.ts', true);
    expect(code, output).toBe(0);
    expect(output.split('\n')).toContain('result 5');
    expect(
      of(trace, 'events', '1')
        .map((e) => e.type)
        .filter((t) => t !== 'progress'),
    ).toEqual([
      'added',
      'waiting',
      'active',
      'delayed',
      'waiting',
      'active',
      'delayed',
      'waiting',
      'active',
      'completed',
    ]);
    const added = of(trace, 'events', '1')[0]!;
    expect(added).toMatchObject({ name: 'add', data: { x: 2, y: 3 }, attempts: 3 });
    const failed = of(trace, 'worker', '1').filter((e) => e.type === 'failed');
    expect(failed.map((e) => [e.attempt, e.failedReason, e.willRetry, e.delay])).toEqual([
      [1, 'attempt 1 failed', true, 50],
      [2, 'attempt 2 failed', true, 100],
    ]);
    const active = of(trace, 'worker', '1').filter((e) => e.type === 'active');
    expect(active.map((e) => [e.attempt, e.workerId])).toEqual([
      [1, 'adder'],
      [2, 'adder'],
      [3, 'adder'],
    ]);
    expect(
      of(trace, 'events', '1')
        .filter((e) => e.type === 'progress')
        .map((e) => e.progress),
    ).toEqual([50, 50, 50]);
    expect(of(trace, 'events', '1').at(-1)).toMatchObject({ type: 'completed', returnvalue: 5 });
    for (const event of trace) expect(event).toMatchObject({ v: 1, ts: expect.any(Number), queue: expect.any(String) });
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));
  });

  it('prints nothing extra when ASYNC_LAB_TRACE is not set', async () => {
    const { code, output, trace } = await run('retry.ts', false);
    expect(code, output).toBe(0);
    expect(trace).toEqual([]);
    expect(output).not.toContain('ASYNC_LAB_TRACE');
    expect(output.split('\n')).toContain('result 5');
  });
});

describe('queue trace on schedulers and flows', () => {
  it('names the scheduler behind each job, and the parent of each flow child', async () => {
    const { code, output, trace } = await run('scheduler-and-flow.ts', true);
    expect(code, output).toBe(0);
    const scheduler = trace.find((e) => e.type === 'scheduler')!;
    expect(scheduler).toMatchObject({
      source: 'queue',
      schedulerId: 'every-100ms',
      repeat: { every: 100 },
      name: 'tick',
    });
    const ticks = trace.filter((e) => e.type === 'added' && e.schedulerId === 'every-100ms');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(trace.some((e) => e.type === 'scheduler-removed')).toBe(true);
    const logs = trace.filter((e) => e.type === 'log');
    expect(logs.length).toBeGreaterThanOrEqual(3);

    const parentAdded = trace.find((e) => e.type === 'added' && e.name === 'sum')!;
    expect(trace.some((e) => e.type === 'waiting-children' && e.jobId === parentAdded.jobId)).toBe(true);
    const children = trace.filter((e) => e.type === 'added' && e.name === 'double');
    expect(children.map((e) => e.parent)).toEqual([
      { queue: parentAdded.queue, id: parentAdded.jobId },
      { queue: parentAdded.queue, id: parentAdded.jobId },
    ]);
    expect(
      trace.find((e) => e.source === 'events' && e.type === 'completed' && e.jobId === parentAdded.jobId),
    ).toMatchObject({
      returnvalue: 6,
    });
  });
});
