// The controller against a scripted Runner: the Runner interface is the boundary here (the real runners have
// their own tests), so this checks only what the playground does with the events a runner sends.
import { describe, expect, it } from 'vitest';
import { PlaygroundController } from '../../../src/lib/playground/controller.ts';
import type { PlaygroundState } from '../../../src/lib/playground/run-state.ts';
import {
  RunnerUnavailableError,
  type RunEvent,
  type RunExit,
  type RunHandle,
  type RunRequest,
  type Runner,
} from '../../../src/lib/runtime/runner.ts';

interface ScriptedRun {
  request: RunRequest;
  send(event: RunEvent): void;
  exit(exit: RunExit): void;
  stopped: boolean;
}

function scriptedRunner(options: { bootError?: Error } = {}) {
  const runs: ScriptedRun[] = [];
  let boots = 0;
  const runner: Runner = {
    kind: 'local',
    state: 'ready',
    async boot(onProgress) {
      boots++;
      onProgress?.({ message: 'Booting…', fraction: 0.5 });
      if (options.bootError) throw options.bootError;
    },
    async run(request, onEvent) {
      let resolveExit!: (exit: RunExit) => void;
      const exit = new Promise<RunExit>((r) => (resolveExit = r));
      const run: ScriptedRun = {
        request,
        stopped: false,
        send: onEvent,
        exit(e) {
          onEvent({ type: 'exit', exit: e });
          resolveExit(e);
        },
      };
      runs.push(run);
      const handle: RunHandle = {
        exit,
        async stop() {
          if (run.stopped) return;
          run.stopped = true;
          run.exit({ code: null, reason: 'stopped', durationMs: 5 });
        },
      };
      return handle;
    },
    async dispose() {},
  };
  return { runner, runs, boots: () => boots };
}

const request: RunRequest = { example: '00-hello-ts', files: {}, command: ['node', 'src/main.ts'] };

function record(controller: PlaygroundController) {
  const states: PlaygroundState[] = [];
  const traces: unknown[] = [];
  const starts: string[] = [];
  controller.subscribe({
    state: (s) => states.push(s),
    trace: (e) => traces.push(e),
    runStart: (purpose) => starts.push(purpose),
  });
  return { states, traces, starts };
}

describe('PlaygroundController', () => {
  it('boots once, streams output and traces, and ends with the exit', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner, now: () => 0 });
    const seen = record(controller);
    await controller.run(request);
    fake.runs[0]!.send({ type: 'output', text: 'hello\nwor' });
    fake.runs[0]!.send({ type: 'trace', event: { kind: 'job-added' } });
    fake.runs[0]!.send({ type: 'output', text: 'ld' });
    fake.runs[0]!.exit({ code: 0, reason: 'exited', durationMs: 12 });
    expect(controller.output.text()).toBe('hello\nworld');
    expect(seen.traces).toEqual([{ kind: 'job-added' }]);
    expect(seen.starts).toEqual(['run']);
    expect(seen.states.map((s) => s.phase)).toEqual(['booting', 'booting', 'running', 'exited']);
    expect(controller.state).toEqual({
      phase: 'exited',
      purpose: 'run',
      exit: { code: 0, reason: 'exited', durationMs: 12 },
    });
    await controller.run(request, 'check');
    expect(fake.boots()).toBe(2); // boot() is idempotent in the runner; the controller may call it again
  });

  it('a second Run stops the first cleanly and ignores its late output', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    await controller.run(request);
    fake.runs[0]!.send({ type: 'output', text: 'first\n' });
    await controller.run({ ...request, files: { 'src/main.ts': 'second' } });
    expect(fake.runs[0]!.stopped).toBe(true);
    expect(fake.runs).toHaveLength(2);
    fake.runs[0]!.send({ type: 'output', text: 'late from the first run\n' });
    fake.runs[1]!.send({ type: 'output', text: 'second\n' });
    expect(controller.output.text()).toBe('second');
    expect(controller.state.phase).toBe('running');
  });

  it('Stop ends the run and reports it as stopped', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    const seen = record(controller);
    await controller.run(request);
    await controller.stop();
    expect(seen.states.map((s) => s.phase)).toContain('stopping');
    expect(controller.state).toMatchObject({ phase: 'exited', exit: { reason: 'stopped' } });
    await controller.stop(); // nothing running: a no-op
  });

  it('keeps the timeout message of a forgotten run', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    await controller.run(request);
    fake.runs[0]!.exit({ code: null, reason: 'timeout', durationMs: 30_000, message: 'Stopped after 30 s.' });
    expect(controller.state).toMatchObject({
      phase: 'exited',
      exit: { reason: 'timeout', message: 'Stopped after 30 s.' },
    });
  });

  it('says plainly when the runner cannot boot, and tries again on the next Run', async () => {
    const fake = scriptedRunner({
      bootError: new RunnerUnavailableError('webcontainer', 'This browser cannot run WebContainers.'),
    });
    let loads = 0;
    const controller = new PlaygroundController({ loadRunner: async () => (loads++, fake.runner) });
    await controller.run(request);
    expect(controller.state).toEqual({ phase: 'unavailable', message: 'This browser cannot run WebContainers.' });
    await controller.run(request);
    expect(loads).toBe(2);
  });

  it('passes on a refusal the reader may overrule, with what to run once they do', async () => {
    const fake = scriptedRunner({
      bootError: new RunnerUnavailableError('webcontainer', 'Unreliable on iPhone and iPad.', {
        override: 'allow-ios',
      }),
    });
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner });
    await controller.run(request, 'check');
    expect(controller.state).toEqual({
      phase: 'unavailable',
      message: 'Unreliable on iPhone and iPad.',
      purpose: 'check',
      override: 'allow-ios',
    });
  });

  it('turns an unexpected boot failure into a message that points at the recorded output', async () => {
    const controller = new PlaygroundController({
      loadRunner: async () => {
        throw new Error('chunk failed to load');
      },
    });
    await controller.run(request);
    expect(controller.state).toMatchObject({ phase: 'unavailable' });
    expect((controller.state as { message: string }).message).toMatch(/chunk failed to load.*recorded output/);
  });

  it('caps the output it keeps', async () => {
    const fake = scriptedRunner();
    const controller = new PlaygroundController({ loadRunner: async () => fake.runner, maxLines: 10 });
    await controller.run(request);
    for (let i = 0; i < 100; i++) fake.runs[0]!.send({ type: 'output', text: `${i}\n` });
    controller.output.process(); // the view does this a frame at a time
    expect(controller.output.lines()).toHaveLength(10);
    expect(controller.output.dropped).toBe(90);
  });
});
