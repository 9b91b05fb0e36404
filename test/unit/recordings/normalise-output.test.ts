import { describe, expect, it } from 'vitest';
import {
  comparable,
  maskTimings,
  normaliseOutput,
  normaliseTrace,
} from '../../../src/lib/recordings/normalise-output.ts';
import { splitTrace } from '../../../src/lib/recordings/split-trace.ts';

describe('normaliseOutput', () => {
  it('replaces volatile tokens and keeps every other character', () => {
    const text =
      'job 7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6 at 2026-11-28T02:19:49.123Z\n' +
      'listening on http://127.0.0.1:53411 (node:31161) at 02:19:49\n' +
      'again 7F3C2A10-1B2C-4D5E-8F90-A1B2C3D4E5F6, other 00000000-0000-4000-8000-000000000000 ts 1764296389123\n' +
      'file:///work/main/examples/x.ts wrote /tmp/async-lab-abc123/out.eml on Node v24.21.0\n';
    expect(normaliseOutput(text, { repoRoot: '/work/main', nodeVersion: 'v24.21.0' })).toBe(
      'job <uuid-1> at <date>\n' +
        'listening on http://127.0.0.1:<port> (node:<pid>) at <time>\n' +
        'again <uuid-1>, other <uuid-2> ts <timestamp>\n' +
        'file://<repo>/examples/x.ts wrote <tmp>/out.eml on Node v24.x\n',
    );
  });

  it('is stable: normalising twice changes nothing', () => {
    const once = normaliseOutput('id 7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6 port localhost:3000');
    expect(normaliseOutput(once)).toBe(once);
  });

  it('leaves small numbers, job ids and counts alone', () => {
    const text = 'job 12 finished: add(2, 3) = 5, attempt 3 of 3, 10 requests';
    expect(normaliseOutput(text)).toBe(text);
  });
});

describe('normaliseTrace', () => {
  it('keeps distinct scheduler ticks distinct, numbered by time whatever the order of events', () => {
    const tick = (ms: number) => ({ type: 'added', jobId: `repeat:report:${ms}` });
    const ids = (trace: unknown[]) => trace.map((e) => (e as { jobId: string }).jobId);
    const inOrder = normaliseTrace([tick(1764300001000), tick(1764300002000), tick(1764300001000)]);
    expect(ids(inOrder)).toEqual([
      'repeat:report:<timestamp-1>',
      'repeat:report:<timestamp-2>',
      'repeat:report:<timestamp-1>',
    ]);
    const swapped = normaliseTrace([tick(1764300002000), tick(1764300001000)]);
    expect(ids(swapped)).toEqual(['repeat:report:<timestamp-2>', 'repeat:report:<timestamp-1>']);
  });

  it('numbers uuids across the whole trace, so different flow jobs keep different ids', () => {
    const trace = normaliseTrace([
      { jobId: '7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6' },
      { jobId: '00000000-0000-4000-8000-000000000000' },
      { parent: '7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6' },
    ]);
    expect(trace).toEqual([{ jobId: '<uuid-1>' }, { jobId: '<uuid-2>' }, { parent: '<uuid-1>' }]);
  });
});

describe('comparing recordings', () => {
  it('masks durations only', () => {
    expect(maskTimings('took ~1.0 s, retry in 200 ms, 3 秒, 12ms')).toBe(
      'took <duration>, retry in <duration>, <duration>, <duration>',
    );
    expect(maskTimings('job 3 of 4: 12 sets, 3 msgs')).toBe('job 3 of 4: 12 sets, 3 msgs');
  });

  it('still sees a changed word, line or result', () => {
    const before = comparable({ output: 'job 1 finished: 5 — took ~1.0 s\n', trace: [] });
    expect(comparable({ output: 'job 1 finished: 5 — took ~1.3 s\n', trace: [] })).toEqual(before);
    expect(comparable({ output: 'job 1 finished: 6 — took ~1.0 s\n', trace: [] })).not.toEqual(before);
    expect(comparable({ output: 'job 1 failed: 5 — took ~1.0 s\n', trace: [] })).not.toEqual(before);
    expect(comparable({ output: 'job 1 finished: 5 — took ~1.0 s\nextra\n', trace: [] })).not.toEqual(before);
  });

  it('masks time fields of trace events but not their states', () => {
    const a = comparable({ output: '', trace: [{ ts: 10, type: 'active', jobId: '1', delay: 200 }] });
    const b = comparable({ output: '', trace: [{ ts: 99, type: 'active', jobId: '1', delay: 400 }] });
    const c = comparable({ output: '', trace: [{ ts: 10, type: 'failed', jobId: '1', delay: 200 }] });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('compares each job on its own: interleaving and the worker that took it may vary', () => {
    const run1 = [
      { seq: 1, source: 'worker', queue: 'q', jobId: '1', type: 'active', workerId: 'worker-1' },
      { seq: 2, source: 'worker', queue: 'q', jobId: '2', type: 'active', workerId: 'worker-2' },
      { seq: 3, source: 'worker', queue: 'q', jobId: '1', type: 'completed', workerId: 'worker-1' },
    ];
    const run2 = [
      { seq: 1, source: 'worker', queue: 'q', jobId: '2', type: 'active', workerId: 'worker-1' },
      { seq: 2, source: 'worker', queue: 'q', jobId: '1', type: 'active', workerId: 'worker-2' },
      { seq: 3, source: 'worker', queue: 'q', jobId: '1', type: 'completed', workerId: 'worker-2' },
    ];
    // The same, with the worker's name in the job's result.
    const withResult = (run: typeof run1) =>
      run.map((e) => (e.type === 'completed' ? { ...e, returnvalue: { worker: e.workerId } } : e));
    expect(comparable({ output: '', trace: withResult(run2) })).toEqual(
      comparable({ output: '', trace: withResult(run1) }),
    );
    // Job 1 completing before it was active is a different story.
    const reordered = [run1[2], run1[1], run1[0]];
    expect(comparable({ output: '', trace: run2 })).toEqual(comparable({ output: '', trace: run1 }));
    expect(comparable({ output: '', trace: reordered })).not.toEqual(comparable({ output: '', trace: run1 }));
    expect(comparable({ output: '', trace: run1.slice(0, 2) })).not.toEqual(comparable({ output: '', trace: run1 }));
  });
});

describe('trace events', () => {
  it('are split out of the output, in order, like the runners do', () => {
    const raw = 'before\n\u001eASYNC_LAB_TRACE {"seq":1}\nmiddle\n\u001eASYNC_LAB_TRACE {"seq":2}\nafter\n';
    expect(splitTrace(raw)).toEqual({ output: 'before\nmiddle\nafter\n', trace: [{ seq: 1 }, { seq: 2 }] });
  });

  it('get timestamps relative to the first one, and normalised strings', () => {
    const events = normaliseTrace([
      { ts: 1764296389123, type: 'added', data: { url: 'http://127.0.0.1:4242' } },
      { ts: 1764296389323, dueAt: 1764296390323, type: 'delayed' },
    ]);
    expect(events).toEqual([
      { ts: 0, type: 'added', data: { url: 'http://127.0.0.1:<port>' } },
      { ts: 200, dueAt: 1200, type: 'delayed' },
    ]);
  });
});
