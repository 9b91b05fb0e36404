import { describe, expect, it } from 'vitest';
import { describeExit, initialState, isBusy, reduce } from '../../../src/lib/playground/run-state.ts';

const exit = { code: 0, reason: 'exited' as const, durationMs: 420 };

describe('playground run state', () => {
  it('goes recorded → booting → running → exited', () => {
    let state = reduce(initialState, { type: 'boot', purpose: 'run', message: 'Booting…', fraction: 0.5 });
    expect(state).toMatchObject({ phase: 'booting', message: 'Booting…', fraction: 0.5 });
    expect(isBusy(state)).toBe(true);
    state = reduce(state, { type: 'started', purpose: 'run', runId: 1, at: 10 });
    expect(state).toMatchObject({ phase: 'running', runId: 1 });
    state = reduce(state, { type: 'exited', runId: 1, exit });
    expect(state).toEqual({ phase: 'exited', purpose: 'run', exit });
    expect(isBusy(state)).toBe(false);
  });

  it('ignores the exit of a run that a newer run replaced', () => {
    const running = reduce(initialState, { type: 'started', purpose: 'check', runId: 2, at: 0 });
    expect(reduce(running, { type: 'exited', runId: 1, exit })).toBe(running);
    expect(reduce(running, { type: 'stop-requested', runId: 1 })).toBe(running);
  });

  it('marks a stop request, then the exit ends it', () => {
    const running = reduce(initialState, { type: 'started', purpose: 'run', runId: 1, at: 0 });
    const stopping = reduce(running, { type: 'stop-requested', runId: 1 });
    expect(stopping.phase).toBe('stopping');
    const stopped = { code: null, reason: 'stopped' as const, durationMs: 3100 };
    expect(reduce(stopping, { type: 'exited', runId: 1, exit: stopped })).toMatchObject({ phase: 'exited' });
  });

  it('says why the code cannot run', () => {
    expect(reduce(initialState, { type: 'unavailable', message: 'No WebContainers here.' })).toEqual({
      phase: 'unavailable',
      message: 'No WebContainers here.',
    });
  });

  it('describes exits for the status bar', () => {
    expect(describeExit(exit)).toBe('exit code 0 · 0.42 s');
    expect(describeExit({ code: null, reason: 'stopped', durationMs: 3100 })).toBe('stopped · 3.10 s');
    expect(describeExit({ code: 137, reason: 'timeout', durationMs: 10_000 })).toBe(
      'timed out (exit code 137) · 10.00 s',
    );
  });
});
