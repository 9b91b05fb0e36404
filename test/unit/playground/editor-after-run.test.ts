// When the editor may load after a first Run: not while the runtime is still at its first step (its code and
// StackBlitz's verdict need the page's thread), at once when it has answered in any way, and never later than the
// cap. Driven through the real controller with a runner whose boot the test steps through.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlaygroundController } from '../../../src/lib/playground/controller.ts';
import {
  afterRuntimeAnswers,
  EDITOR_WAIT_MAX_MS,
  runtimeHasAnswered,
} from '../../../src/lib/playground/editor-after-run.ts';
import { notice, type RuntimeNotice } from '../../../src/lib/runtime/runtime-notices.ts';
import { RunnerUnavailableError, type BootProgress, type Runner } from '../../../src/lib/runtime/runner.ts';

const request = { example: '00-hello-ts', files: {}, command: ['node', 'src/main.ts'] };

/** A runner whose boot reports what the test says and ends how the test says. */
function steppedRunner() {
  let report: (progress: BootProgress) => void = () => {};
  let finish: (error?: Error) => void = () => {};
  const runner: Runner = {
    kind: 'webcontainer',
    boot: ({ onProgress } = {}) =>
      new Promise<void>((resolve, reject) => {
        report = (progress) => onProgress?.(progress);
        finish = (error) => (error ? reject(error) : resolve());
      }),
    run: async (_request, onEvent) => {
      const exit = { code: 0, reason: 'exited' as const, durationMs: 1 };
      onEvent({ type: 'exit', exit });
      return exit;
    },
  };
  return { runner, progress: (n: RuntimeNotice) => report({ notice: n }), finish: (e?: Error) => finish(e) };
}

/** Starts a first Run and follows the editor's wait; `loaded()` says whether the editor may load yet. */
async function firstRun() {
  const stepped = steppedRunner();
  const controller = new PlaygroundController({ loadRunner: async () => stepped.runner });
  void controller.run(request);
  let loaded = false;
  void afterRuntimeAnswers(controller).then(() => (loaded = true));
  await vi.advanceTimersByTimeAsync(0); // the runner is loaded and its boot begins
  return { ...stepped, controller, loaded: async () => (await vi.advanceTimersByTimeAsync(0), loaded) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the editor after a first Run', () => {
  it('loads at once when nothing is starting (the first click was Edit, or a click in the code)', async () => {
    const controller = new PlaygroundController({ loadRunner: async () => steppedRunner().runner });
    expect(runtimeHasAnswered(controller.state)).toBe(true);
    await expect(afterRuntimeAnswers(controller)).resolves.toBeUndefined();
  });

  it('waits while the runtime is at its first step, and loads once StackBlitz is found unreachable', async () => {
    const run = await firstRun();
    run.progress(notice('starting'));
    await vi.advanceTimersByTimeAsync(EDITOR_WAIT_MAX_MS - 100);
    expect(await run.loaded()).toBe(false);
    run.finish(
      new RunnerUnavailableError('webcontainer', notice('stackblitz-unreachable', { host: 'stackblitz.com' })),
    );
    expect(await run.loaded()).toBe(true);
    expect(run.controller.state.phase).toBe('unavailable');
  });

  it('loads once the boot reports progress past its first step (the runtime answered; the snapshot downloads)', async () => {
    const run = await firstRun();
    expect(await run.loaded()).toBe(false);
    run.progress(notice('download-progress', { received: 1000 }));
    expect(await run.loaded()).toBe(true);
    expect(run.controller.state.phase).toBe('booting');
  });

  it('loads once the run has started, whatever the boot said before', async () => {
    const run = await firstRun();
    run.finish();
    expect(await run.loaded()).toBe(true);
  });

  it('waits no longer than the cap for a runtime that says nothing', async () => {
    const run = await firstRun();
    await vi.advanceTimersByTimeAsync(EDITOR_WAIT_MAX_MS - 1);
    expect(await run.loaded()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await run.loaded()).toBe(true);
  });
});
