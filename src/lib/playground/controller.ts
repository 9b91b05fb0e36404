// Runs the reader's code through a Runner and keeps the playground's state and output: no DOM here, so the
// whole Run/Stop/second-Run/timeout story is unit-tested with a fake runner. One run at a time, like
// TutorialKit's task chain: a new Run first stops the old one and ignores anything the old one still sends.
import {
  RunnerUnavailableError,
  type RunEvent,
  type RunHandle,
  type RunRequest,
  type Runner,
} from '../runtime/runner.ts';
import { en, format, type PlaygroundMessages } from './messages.ts';
import { OutputBuffer } from './output-buffer.ts';
import { initialState, reduce, type PlaygroundAction, type PlaygroundState, type RunPurpose } from './run-state.ts';

export interface ControllerListener {
  state?(state: PlaygroundState): void;
  /** The output buffer changed (batch your rendering: this can fire thousands of times a second). */
  output?(): void;
  trace?(event: unknown): void;
  runStart?(purpose: RunPurpose, request: RunRequest): void;
}

export interface ControllerOptions {
  /** Loads and picks the runner; called on the first Run only. */
  loadRunner: () => Promise<Runner>;
  /** What the controller itself says (the runners say the rest); English by default. */
  messages?: Pick<PlaygroundMessages, 'startingRuntime' | 'couldNotRun'>;
  maxLines?: number;
  now?: () => number;
}

export class PlaygroundController {
  readonly output: OutputBuffer;
  #state: PlaygroundState = initialState;
  #listeners = new Set<ControllerListener>();
  #runner: Promise<Runner> | undefined;
  #loadRunner: () => Promise<Runner>;
  #now: () => number;
  #messages: Pick<PlaygroundMessages, 'startingRuntime' | 'couldNotRun'>;
  #runId = 0;
  #handle: RunHandle | undefined;
  /** Settles when the current run() call has either started its process or given up. */
  #starting: Promise<void> = Promise.resolve();

  constructor(options: ControllerOptions) {
    this.#loadRunner = options.loadRunner;
    this.#now = options.now ?? (() => performance.now());
    this.#messages = options.messages ?? en;
    this.output = new OutputBuffer(options.maxLines);
  }

  get state(): PlaygroundState {
    return this.#state;
  }

  subscribe(listener: ControllerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts a run; one already running is stopped first. Resolves when the new process has started (or failed). */
  run(request: RunRequest, purpose: RunPurpose = 'run'): Promise<void> {
    const runId = ++this.#runId;
    const previous = this.#starting;
    this.#starting = previous.then(() => this.#start(runId, request, purpose));
    return this.#starting;
  }

  /** Stops the current run, if any; resolves when its process is gone. */
  async stop(): Promise<void> {
    await this.#starting;
    const handle = this.#handle;
    if (!handle) return;
    this.#dispatch({ type: 'stop-requested', runId: this.#runId });
    await handle.stop();
  }

  async #start(runId: number, request: RunRequest, purpose: RunPurpose): Promise<void> {
    const old = this.#handle;
    this.#handle = undefined;
    if (old) await old.stop();
    if (runId !== this.#runId) return; // an even newer Run arrived while we stopped the old one

    let runner: Runner;
    try {
      this.#dispatch({ type: 'boot', purpose, message: this.#messages.startingRuntime });
      this.#runner ??= this.#loadRunner();
      runner = await this.#runner;
      await runner.boot((progress) => {
        if (runId === this.#runId) this.#dispatch({ type: 'boot', purpose, ...progress });
      });
    } catch (error) {
      this.#runner = undefined; // let a later Run try again (e.g. after the reader allows it)
      const override = error instanceof RunnerUnavailableError ? error.override : undefined;
      const message =
        error instanceof RunnerUnavailableError
          ? error.message
          : format(this.#messages.couldNotRun, { error: errorText(error) });
      this.#dispatch({ type: 'unavailable', message, purpose, override });
      return;
    }
    if (runId !== this.#runId) return;

    this.output.clear();
    this.#emit('output');
    this.#emit('runStart', purpose, request);
    const startedAt = this.#now();
    this.#dispatch({ type: 'started', purpose, runId, at: startedAt });
    const onEvent = (event: RunEvent) => {
      if (runId !== this.#runId) return; // a stopped run's late events
      if (event.type === 'output') {
        this.output.append(event.text);
        this.#emit('output');
      } else if (event.type === 'trace') {
        this.#emit('trace', event.event);
      } else {
        this.output.flush();
        this.#emit('output');
        this.#handle = undefined;
        this.#dispatch({ type: 'exited', runId, exit: event.exit });
      }
    };
    try {
      const handle = await runner.run(request, onEvent);
      if (runId === this.#runId && this.#state.phase !== 'exited') this.#handle = handle;
    } catch (error) {
      this.#dispatch({
        type: 'exited',
        runId,
        exit: { code: null, reason: 'crashed', durationMs: this.#now() - startedAt, message: errorText(error) },
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
