// The controller against a scripted Runner: the Runner interface is the boundary here (the real runners have
// their own tests), so this checks only what the playground does with the events a runner sends, and that it
// alone keeps one run at a time (runners take an AbortSignal and nothing else).
import { describe, expect, it, vi } from 'vitest';
import { PlaygroundController } from '../../../src/lib/playground/controller.ts';
import type { PlaygroundState } from '../../../src/lib/playground/run-state.ts';
import { notice } from '../../../src/lib/runtime/runtime-notices.ts';
import {
  RunnerUnavailableError,
  type RunEvent,
  type RunExit,
  type RunRequest,
  type Runner,
} from '../../../src/lib/runtime/runner.ts';

interface ScriptedRun {
  request: RunRequest;
  signal: AbortSignal;
  send(event: RunEvent): void;
  exit(exit: RunExit): void;
}

/** A runner whose runs go on until the test ends them, or until their signal aborts (then: 'stopped'). */
function scriptedRunner(options: { bootError?: Error; bootGate?: Promise<void> } = {}) {
  const runs: ScriptedRun[] = [];
  let boots = 0;
  const runner: Runner = {
    kind: 'local',
    async boot({ onProgress, signal } = {}) {
      boots++;
      onProgress?.({ notice: notice('starting'), fraction: 0.5 });
      if (options.bootGate) {
        await Promise.race([
          options.bootGate,
          new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
        ]);
      }
      if (options.bootError) throw options.bootError;
    },
    run(request, onEvent, signal) {
      return new Promise<RunExit>((resolve) => {
        let ended = false;
        const run: ScriptedRun = {
          request,
          signal,
          send: (event) => !ended && onEvent(event),
          exit(e) {
            if (ended) return;
            ended = true;
            onEvent({ type: 'exit', exit: e });
            resolve(e);
          },
        };
        runs.push(run);
        if (signal.aborted) run.exit({ code: null, reason: 'stopped', durationMs: 0 });
        signal.addEventListener('abort', () => run.exit({ code: null, reason: 'stopped', durationMs: 5 }));
      });
    },
  };
  return { runner, runs, boots: () => boots };
}

const request: RunRequest = { example: '00-hello-ts', files: {}, command: ['node', 'src/main.ts'] };

function record(controller: PlaygroundController) {
  const states: PlaygroundState[] = [];
  const traces: unknown[] = [];
  const starts: string[] = [];
  const servers: string[] = [];
  controller.subscribe({
    state: (s) => states.push(s),
    trace: (e) => traces.push(e),
    runStart: (purpose) => starts.push(purpose),
    serverReady: (port, url) => servers.push(`${port} ${url}`),
  });
  return { states, traces, starts, servers };
}

/** Waits until the runner has been asked for the nth run. */
async function started(fake: ReturnType<typeof scriptedRunner>, count: number) {
  await vi.waitFor(() => expect(fake.runs).toHaveLength(count));
  return fake.runs[count - 1]!;
}

describe('PlaygroundController', () => {
  it('boots, streams output, traces and server-ready, and ends with the exit', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner, now: () => 0 });
    const seen = record(controller);
    const done = controller.run(request);
    const run = await started(fake, 1);
    run.send({ type: 'output', text: 'hello\nwor' });
    run.send({ type: 'trace', event: { kind: 'job-added' } });
    run.send({ type: 'server-ready', port: 3000, url: 'http://localhost:3000/' });
    run.send({ type: 'output', text: 'ld' });
    run.exit({ code: 0, reason: 'exited', durationMs: 12 });
    await done;
    expect(controller.output.text()).toBe('hello\nworld');
    expect(seen.traces).toEqual([{ kind: 'job-added' }]);
    expect(seen.servers).toEqual(['3000 http://localhost:3000/']);
    expect(seen.starts).toEqual(['run']);
    expect(seen.states.map((s) => s.phase)).toEqual(['booting', 'booting', 'running', 'exited']);
    expect(controller.state).toEqual({
      phase: 'exited',
      purpose: 'run',
      exit: { code: 0, reason: 'exited', durationMs: 12 },
    });
  });

  it('a second Run aborts the first, waits for its exit, and only then starts: no old output in the new run', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    void controller.run(request);
    const first = await started(fake, 1);
    first.send({ type: 'output', text: 'first\n' });
    void controller.run({ ...request, files: { 'src/main.ts': 'second' } });
    const second = await started(fake, 2);
    expect(first.signal.aborted).toBe(true);
    first.send({ type: 'output', text: 'late from the first run\n' }); // after its exit: never delivered
    second.send({ type: 'output', text: 'second\n' });
    expect(controller.output.text()).toBe('second');
    expect(controller.state.phase).toBe('running');
    expect(second.signal.aborted).toBe(false);
  });

  it('three quick Runs: the ones replaced before their process started never start; the last one runs', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    const first = controller.run(request);
    void controller.run(request);
    const last = controller.run({ ...request, command: ['node', 'src/last.ts'] });
    const run = await started(fake, 1);
    expect(run.request.command).toEqual(['node', 'src/last.ts']);
    run.exit({ code: 0, reason: 'exited', durationMs: 1 });
    await Promise.all([first, last]);
    expect(fake.runs).toHaveLength(1);
    expect(controller.state).toMatchObject({ phase: 'exited', exit: { code: 0 } });
  });

  it('Stop ends the run and reports it as stopped', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    const seen = record(controller);
    void controller.run(request);
    await started(fake, 1);
    await controller.stop();
    expect(seen.states.map((s) => s.phase)).toContain('stopping');
    expect(controller.state).toMatchObject({ phase: 'exited', exit: { reason: 'stopped' } });
    await controller.stop(); // nothing running: a no-op
  });

  it('Stop while the runtime is still starting ends the wait and reports the run as stopped', async () => {
    const fake = scriptedRunner({ bootGate: new Promise(() => {}) });
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    const done = controller.run(request);
    await vi.waitFor(() => expect(controller.state.phase).toBe('booting'));
    await controller.stop();
    await done;
    expect(controller.state).toMatchObject({ phase: 'exited', exit: { reason: 'stopped' } });
    expect(fake.runs).toHaveLength(0);
  });

  it('keeps the timeout notice of a forgotten run', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    void controller.run(request);
    const timedOut = notice('timed-out', { seconds: 30 });
    (await started(fake, 1)).exit({ code: null, reason: 'timeout', durationMs: 30_000, notice: timedOut });
    expect(controller.state).toMatchObject({ phase: 'exited', exit: { reason: 'timeout', notice: timedOut } });
  });

  it('says plainly when the runner cannot boot, and tries again on the next Run', async () => {
    const refusal = notice('no-webassembly');
    const fake = scriptedRunner({ bootError: new RunnerUnavailableError('webcontainer', refusal) });
    let loads = 0;
    const controller = new PlaygroundController({ loadRunner: async () => (loads++, fake.runner) });
    await controller.run(request);
    expect(controller.state).toEqual({ phase: 'unavailable', notice: refusal });
    await controller.run(request);
    expect(loads).toBe(2);
  });

  it('passes on a refusal the reader may overrule, with what to run once they do', async () => {
    const fake = scriptedRunner({
      bootError: new RunnerUnavailableError('webcontainer', notice('ios'), { override: 'allow-ios' }),
    });
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    await controller.run(request, 'check');
    expect(controller.state).toEqual({
      phase: 'unavailable',
      notice: notice('ios'),
      purpose: 'check',
      override: 'allow-ios',
    });
  });

  it('turns an unexpected boot failure into a notice', async () => {
    const controller = new PlaygroundController({
      loadRunner: async () => {
        throw new Error('chunk failed to load');
      },
    });
    await controller.run(request);
    expect(controller.state).toEqual({
      phase: 'unavailable',
      notice: notice('unexpected', { error: 'chunk failed to load' }),
    });
  });

  it('caps the output it keeps', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner, maxLines: 10 });
    void controller.run(request);
    const run = await started(fake, 1);
    for (let i = 0; i < 100; i++) run.send({ type: 'output', text: `${i}\n` });
    controller.output.process(); // the view does this a frame at a time
    expect(controller.output.lines()).toHaveLength(10);
    expect(controller.output.dropped).toBe(90);
  });
});
