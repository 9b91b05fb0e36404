// Runs the reader's code through a Runner and keeps the playground's state and output: no DOM here, so the
// whole Run/Stop/second-Run/timeout story is unit-tested with a fake runner.
// One run at a time, and one way to cancel (as TutorialKit's task chain does): each run gets an AbortController;
// a new Run or Stop aborts the current one and waits until it has ended (its exit is always its last event), so
// an old run's output can never land in a newer run's output.
import { RunnerUnavailableError, type RunEvent, type RunRequest, type Runner } from '../runtime/runner.ts';
import { notice } from '../runtime/runtime-notices.ts';
import { OutputBuffer } from './output-buffer.ts';
import { initialState, reduce, type PlaygroundAction, type PlaygroundState, type RunPurpose } from './run-state.ts';

export interface ControllerListener {
  state?(state: PlaygroundState): void;
  /** The output buffer changed (batch your rendering: this can fire thousands of times a second). */
  output?(): void;
  trace?(event: unknown): void;
  /** A server of the run listens: `url` can be shown in the preview pane. */
  serverReady?(port: number, url: string): void;
  runStart?(purpose: RunPurpose, request: RunRequest): void;
}

export interface ControllerOptions {
  /** Loads and picks the runner; called on the first Run (and again after a runner could not start). */
  loadRunner: () => Promise<Runner>;
  maxLines?: number;
  now?: () => number;
}

interface CurrentRun {
  abort: AbortController;
  /** Settles once the run has ended (or gave up before starting). */
  done: Promise<void>;
}

export class PlaygroundController {
  readonly output: OutputBuffer;
  #state: PlaygroundState = initialState;
  #listeners = new Set<ControllerListener>();
  #runner: Promise<Runner> | undefined;
  #loadRunner: () => Promise<Runner>;
  #now: () => number;
  #current: CurrentRun | undefined;

  constructor(options: ControllerOptions) {
    this.#loadRunner = options.loadRunner;
    this.#now = options.now ?? (() => performance.now());
    this.output = new OutputBuffer(options.maxLines);
  }

  get state(): PlaygroundState {
    return this.#state;
  }

  subscribe(listener: ControllerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts a run, ending the current one first. Resolves when this run has ended (or could not start). */
  run(request: RunRequest, purpose: RunPurpose = 'run'): Promise<void> {
    const previous = this.#current;
    const abort = new AbortController();
    const done = (async () => {
      if (previous) {
        previous.abort.abort();
        await previous.done;
      }
      // Replaced by an even newer Run (or stopped) while the old one was ending.
      if (!abort.signal.aborted) await this.#execute(request, purpose, abort.signal);
    })();
    const current: CurrentRun = { abort, done };
    this.#current = current;
    void done.finally(() => {
      if (this.#current === current) this.#current = undefined;
    });
    return done;
  }

  /** Stops the current run, if any (even one still starting); resolves when it has ended. */
  async stop(): Promise<void> {
    const current = this.#current;
    if (!current) return;
    this.#dispatch({ type: 'stop-requested' });
    current.abort.abort();
    await current.done;
  }

  async #execute(request: RunRequest, purpose: RunPurpose, signal: AbortSignal): Promise<void> {
    const startedAt = this.#now();
    let runner: Runner;
    try {
      this.#dispatch({ type: 'boot', purpose, notice: notice('starting') });
      this.#runner ??= this.#loadRunner();
      runner = await this.#runner;
      await runner.boot({ signal, onProgress: (progress) => this.#dispatch({ type: 'boot', purpose, ...progress }) });
    } catch (error) {
      if (signal.aborted) {
        this.#dispatch({
          type: 'exited',
          exit: { code: null, reason: 'stopped', durationMs: this.#now() - startedAt },
        });
        return;
      }
      this.#runner = undefined; // let a later Run try again (e.g. after the reader allows it)
      this.#dispatch(
        error instanceof RunnerUnavailableError
          ? { type: 'unavailable', notice: error.notice, purpose, override: error.override }
          : { type: 'unavailable', notice: notice('unexpected', { error: errorText(error) }), purpose },
      );
      return;
    }

    if (signal.aborted) {
      // Stopped (or replaced) just as the runtime became ready: nothing was started.
      this.#dispatch({ type: 'exited', exit: { code: null, reason: 'stopped', durationMs: this.#now() - startedAt } });
      return;
    }
    this.output.clear();
    this.#emit('output');
    this.#emit('runStart', purpose, request);
    this.#dispatch({ type: 'started', purpose, at: this.#now() });
    const onEvent = (event: RunEvent) => {
      if (event.type === 'output') {
        this.output.append(event.text);
        this.#emit('output');
      } else if (event.type === 'trace') {
        this.#emit('trace', event.event);
      } else if (event.type === 'server-ready') {
        this.#emit('serverReady', event.port, event.url);
      } else {
        this.output.flush();
        this.#emit('output');
        this.#dispatch({ type: 'exited', exit: event.exit });
      }
    };
    try {
      await runner.run(request, onEvent, signal);
    } catch (error) {
      // run() never rejects by contract; a runner that does still ends the run for the reader.
      this.#dispatch({
        type: 'exited',
        exit: {
          code: null,
          reason: 'crashed',
          durationMs: this.#now() - startedAt,
          notice: notice('unexpected', { error: errorText(error) }),
        },
      });
    }
  }

  #dispatch(action: PlaygroundAction): void {
    const next = reduce(this.#state, action);
    if (next === this.#state) return;
    this.#state = next;
    this.#emit('state', next);
  }

  #emit<K extends keyof ControllerListener>(name: K, ...args: Parameters<NonNullable<ControllerListener[K]>>): void {
    for (const listener of this.#listeners) {
      (listener[name] as ((...a: unknown[]) => void) | undefined)?.(...args);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
