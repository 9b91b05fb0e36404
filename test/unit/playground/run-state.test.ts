import { describe, expect, it } from 'vitest';
import { describeExit, initialState, isBusy, reduce } from '../../../src/lib/playground/run-state.ts';
import { notice } from '../../../src/lib/runtime/runtime-notices.ts';
import { translator } from '../../support/translations.ts';

const exit = { code: 0, reason: 'exited' as const, durationMs: 420 };

describe('playground run state', () => {
  it('goes recorded → booting → running → exited', () => {
    let state = reduce(initialState, { type: 'boot', purpose: 'run', notice: notice('starting'), fraction: 0.5 });
    expect(state).toMatchObject({ phase: 'booting', notice: { code: 'starting' }, fraction: 0.5 });
    expect(isBusy(state)).toBe(true);
    state = reduce(state, { type: 'started', purpose: 'run', at: 10 });
    expect(state).toMatchObject({ phase: 'running', startedAt: 10 });
    state = reduce(state, { type: 'exited', exit });
    expect(state).toEqual({ phase: 'exited', purpose: 'run', exit });
    expect(isBusy(state)).toBe(false);
  });

  it('ignores an exit or a stop request when nothing runs', () => {
    expect(reduce(initialState, { type: 'exited', exit })).toBe(initialState);
    expect(reduce(initialState, { type: 'stop-requested' })).toBe(initialState);
    const exited = reduce(reduce(initialState, { type: 'started', purpose: 'run', at: 0 }), { type: 'exited', exit });
    expect(reduce(exited, { type: 'exited', exit: { ...exit, code: 1 } })).toBe(exited);
  });

  it('marks a stop request (while running or still booting), then the exit ends it', () => {
    const running = reduce(initialState, { type: 'started', purpose: 'run', at: 0 });
    const stopping = reduce(running, { type: 'stop-requested' });
    expect(stopping.phase).toBe('stopping');
    const stopped = { code: null, reason: 'stopped' as const, durationMs: 3100 };
    expect(reduce(stopping, { type: 'exited', exit: stopped })).toMatchObject({ phase: 'exited' });
    const booting = reduce(initialState, { type: 'boot', purpose: 'check', notice: notice('starting') });
    expect(reduce(booting, { type: 'stop-requested' })).toEqual({ phase: 'stopping', purpose: 'check' });
  });

  it('says why the code cannot run', () => {
    expect(reduce(initialState, { type: 'unavailable', notice: notice('no-webassembly') })).toEqual({
      phase: 'unavailable',
      notice: { code: 'no-webassembly', params: {} },
    });
  });

  it('describes exits for the status bar, in the page’s language', () => {
    const en = translator('en');
    expect(describeExit(exit, en)).toBe('exit code 0 · 0.42 s');
    expect(describeExit({ code: null, reason: 'stopped', durationMs: 3100 }, en)).toBe('stopped · 3.10 s');
    expect(describeExit({ code: 137, reason: 'timeout', durationMs: 10_000 }, en)).toBe(
      'timed out (exit code 137) · 10.00 s',
    );
    expect(describeExit({ code: 137, reason: 'timeout', durationMs: 10_000 }, translator('zh'))).toBe(
      '超时（退出码 137） · 10.00 秒',
    );
  });
});
