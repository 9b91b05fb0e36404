// The contract between the playground UI and whatever runs the reader's code: a WebContainer in the
// browser, or (in `astro dev` only) the machine's own Node through the local runner endpoint.
// Framework-free on purpose: the UI, the tests and both runners depend on this file and nothing else.

/** Lifecycle of a runner, as the UI shows it. */
export type RunnerState = 'idle' | 'booting' | 'ready' | 'running' | 'failed' | 'disposed';

export type RunnerKind = 'webcontainer' | 'local';

export interface RunRequest {
  /** Example package folder under examples/, e.g. "05-queue-basics". */
  example: string;
  /** Files to overwrite before running (the reader's edits), paths relative to the example package. */
  files: Record<string, string>;
  /** argv of the process to start in the example folder, e.g. ["node", "src/main.ts"]. */
  command: string[];
  /** A forgotten run is ended after this long (the runner has a default). */
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** Why a run ended: on its own, by Stop (or a newer Run), by the timeout, or because the runtime died. */
export type ExitReason = 'exited' | 'stopped' | 'timeout' | 'crashed';

export interface RunExit {
  code: number | null;
  reason: ExitReason;
  durationMs: number;
  /** For the reader: what happened and what to do, when the run did not simply exit. */
  message?: string;
}

export type RunEvent =
  | { type: 'output'; text: string }
  /** A structured queue event from the examples' instrumentation, filtered out of the reader's output. */
  | { type: 'trace'; event: unknown }
  | { type: 'exit'; exit: RunExit };

export interface RunHandle {
  /** Ends the process (and its children); resolves once it is gone. Safe to call twice. */
  stop(): Promise<void>;
  /** Settles when the process has ended, for whatever reason. Never rejects. */
  readonly exit: Promise<RunExit>;
}

export interface BootProgress {
  /** A short sentence for the reader, e.g. "Loading the examples (4.6 MB)…". */
  message: string;
  /** 0–1 when known. */
  fraction?: number;
}

/**
 * A refusal the reader may overrule: 'allow-ios' means the runner would try on iOS if the reader asks
 * (WebContainers are unreliable there, so it does not try on its own).
 */
export type RunnerOverride = 'allow-ios';

/** Thrown by boot() when this runner cannot work here; `message` says why and what the reader can do. */
export class RunnerUnavailableError extends Error {
  readonly kind: RunnerKind;
  /** Set when the reader can choose to run anyway; the UI offers it as a button. */
  readonly override: RunnerOverride | undefined;
  constructor(kind: RunnerKind, message: string, options?: { cause?: unknown; override?: RunnerOverride }) {
    super(message, options);
    this.name = 'RunnerUnavailableError';
    this.kind = kind;
    this.override = options?.override;
  }
}

export interface Runner {
  readonly kind: RunnerKind;
  readonly state: RunnerState;
  /** Idempotent: the first call prepares the runtime, later calls return the same promise. */
  boot(onProgress?: (progress: BootProgress) => void): Promise<void>;
  /** Starts a run; a run already in progress is stopped first. Events arrive in order, `exit` last. */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<RunHandle>;
  dispose(): Promise<void>;
}
