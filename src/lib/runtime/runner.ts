// The contract between the playground UI and whatever runs the reader's code: a WebContainer in the
// browser, or (in `astro dev` only) the machine's own Node through the local runner endpoint.
// Framework-free on purpose: the UI, the tests and both runners depend on this file and nothing else.
//
// One way to cancel: every run takes an AbortSignal (as TutorialKit's tasks do). A runner does not keep a
// queue of runs or a state of its own; one run at a time is the caller's rule (the playground controller).
import type { RuntimeNotice } from './runtime-notices.ts';

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

/** Why a run ended: on its own, by Stop (or a newer Run), by the timeout, or because the runtime failed it. */
export type ExitReason = 'exited' | 'stopped' | 'timeout' | 'crashed';

export interface RunExit {
  code: number | null;
  reason: ExitReason;
  durationMs: number;
  /** What the reader should be told when the run did not simply exit (worded by the page). */
  notice?: RuntimeNotice;
}

export type RunEvent =
  | { type: 'output'; text: string }
  /** A structured queue event from the examples' instrumentation, filtered out of the reader's output. */
  | { type: 'trace'; event: unknown }
  /** An HTTP server of the run listens on `port`; `url` is where the page can show it (the preview pane). */
  | { type: 'server-ready'; port: number; url: string }
  /** Exactly once, always last. */
  | { type: 'exit'; exit: RunExit };

export interface BootProgress {
  notice: RuntimeNotice;
  /** 0–1 when known. */
  fraction?: number;
}

export interface RunnerBootOptions {
  onProgress?: (progress: BootProgress) => void;
  /** Stops the caller waiting for the boot; the boot itself goes on for whoever asks next. */
  signal?: AbortSignal;
}

/**
 * A refusal the reader may overrule: 'allow-ios' means the runner would try on iOS if the reader asks
 * (WebContainers are unreliable there, so it does not try on its own).
 */
export type RunnerOverride = 'allow-ios';

/** Thrown by boot() when this runner cannot work here; `notice` says why and what the reader can do. */
export class RunnerUnavailableError extends Error {
  readonly kind: RunnerKind;
  readonly notice: RuntimeNotice;
  /** Set when the reader can choose to run anyway; the UI offers it as a button. */
  readonly override: RunnerOverride | undefined;
  constructor(kind: RunnerKind, notice: RuntimeNotice, options?: { cause?: unknown; override?: RunnerOverride }) {
    // The message is for developers' consoles; readers see the notice, worded in their language.
    super(`${kind} runner unavailable: ${notice.code} ${JSON.stringify(notice.params)}`, options);
    this.name = 'RunnerUnavailableError';
    this.kind = kind;
    this.notice = notice;
    this.override = options?.override;
  }
}

export interface Runner {
  readonly kind: RunnerKind;
  /**
   * Prepares the runtime. Calls while a boot is under way share it; once it has succeeded, later calls resolve
   * at once; after a failure the next call tries again from the start (nothing failed is kept).
   * Throws RunnerUnavailableError, or an AbortSignal's reason when `signal` aborts first.
   */
  boot(options?: RunnerBootOptions): Promise<void>;
  /**
   * Runs one process (booting first if needed) and resolves with its exit once it has ended, after every
   * other event; never rejects. Aborting `signal` ends the process and everything it started (reason
   * 'stopped'); the run's timeout (`request.timeoutMs` or the runner's default) ends it with 'timeout'.
   */
  run(request: RunRequest, onEvent: (event: RunEvent) => void, signal: AbortSignal): Promise<RunExit>;
}
