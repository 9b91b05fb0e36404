// Runner that runs examples in the browser with WebContainers (@webcontainer/api).
// One WebContainer per page (the API allows only one): it is booted once, kept on globalThis so Vite/Astro HMR
// re-evaluating this module reuses it, and the prebuilt snapshot of examples/ (node_modules included) is mounted
// once, so a run needs no npm install. Every way it cannot work ends in a RunnerUnavailableError with a plain
// message, and every wait has a deadline, so the page never hangs on "Preparing…".
import type { BootOptions, WebContainer, WebContainerProcess } from '@webcontainer/api';
import { REQUESTED_NODE_VERSION, typeScriptSupport } from './node-typescript.ts';
import { createRunEventPipeline } from './run-events.ts';
import {
  RunnerUnavailableError,
  type RunnerBootOptions,
  type BootProgress,
  type RunEvent,
  type RunExit,
  type Runner,
  type RunRequest,
} from './runner.ts';
import { notice, type RuntimeNotice } from './runtime-notices.ts';

/** The part of the @webcontainer/api module this runner uses (a fake in the tests). */
export interface WebContainerApi {
  WebContainer: { boot(options?: BootOptions): Promise<WebContainer> };
}

/** What the browser offers; read from the page unless a test passes it. */
export interface BrowserCapabilities {
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  webAssembly: boolean;
  userAgent: string;
  maxTouchPoints: number;
}

export interface WebContainerRunnerOptions {
  loadApi?: () => Promise<WebContainerApi>;
  /** URL of the snapshot built by scripts/build-snapshot.ts. */
  snapshotUrl?: string;
  /** URL of the strip-types snapshot, fetched only when the container's Node cannot strip types itself. */
  stripTypesUrl?: string;
  fetch?: typeof fetch;
  /** StackBlitz unreachable looks like a boot that never ends: give up after this long. */
  bootTimeoutMs?: number;
  /** A snapshot download that sends nothing for this long is given up. */
  stallTimeoutMs?: number;
  /** Default run timeout when the request has none. */
  runTimeoutMs?: number;
  /** How long stop() waits for the process to report its exit after kill(). */
  killGraceMs?: number;
  /** WebContainers on iOS are unreliable; run there only when the reader asked for it. */
  allowIOS?: boolean;
  capabilities?: BrowserCapabilities;
  /** Where the page-wide WebContainer is kept (globalThis; a fresh object in tests). */
  scope?: object;
}

export const DEFAULT_SNAPSHOT_URL = '/webcontainer/examples.bin';
export const DEFAULT_STRIP_TYPES_URL = '/webcontainer/strip-types.bin';
const DEFAULT_BOOT_TIMEOUT_MS = 30_000;
const DEFAULT_STALL_TIMEOUT_MS = 30_000;
const DEFAULT_RUN_TIMEOUT_MS = 60_000;
const DEFAULT_KILL_GRACE_MS = 1_000;
/** Where the snapshot's examples/ folder lands inside the WebContainer's workdir. */
const EXAMPLES_DIR = 'examples';

/** State shared by every runner on the page, surviving module re-evaluation. */
interface SharedContainer {
  container?: Promise<WebContainer>;
  mounted?: Promise<void>;
  /** NODE_OPTIONS the container's Node needs for .ts files ('' when none). */
  nodeOptions?: Promise<string>;
  /** Files overwritten by earlier runs: path → original contents (null: the file did not exist). */
  originals: Map<string, string | null>;
  /** Runs to end when the WebContainer reports an internal error (it may never report their exit). */
  crashListeners: Set<(message: string) => void>;
  listening?: boolean;
}

const SHARED_KEY = Symbol.for('async-lab.webcontainer');

function shared(scope: object): SharedContainer {
  const holder = scope as { [SHARED_KEY]?: SharedContainer };
  return (holder[SHARED_KEY] ??= { originals: new Map(), crashListeners: new Set() });
}

export class WebContainerRunner implements Runner {
  readonly kind = 'webcontainer' as const;
  /** The boot under way or done; cleared when it fails, so the next call tries again. */
  private booting: Promise<void> | undefined;
  /** Everyone waiting on the boot under way hears its progress. */
  private readonly progressListeners = new Set<(progress: BootProgress) => void>();
  private readonly options: Required<Omit<WebContainerRunnerOptions, 'capabilities'>> & {
    capabilities: BrowserCapabilities;
  };

  constructor(options: WebContainerRunnerOptions = {}) {
    this.options = {
      loadApi: options.loadApi ?? (() => import('@webcontainer/api')),
      snapshotUrl: options.snapshotUrl ?? DEFAULT_SNAPSHOT_URL,
      stripTypesUrl: options.stripTypesUrl ?? DEFAULT_STRIP_TYPES_URL,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      bootTimeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      runTimeoutMs: options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
      killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      allowIOS: options.allowIOS ?? false,
      capabilities: options.capabilities ?? readCapabilities(),
      scope: options.scope ?? globalThis,
    };
  }

  boot({ onProgress, signal }: RunnerBootOptions = {}): Promise<void> {
    if (onProgress) this.progressListeners.add(onProgress);
    this.booting ??= this.prepare((progress) => this.progressListeners.forEach((listener) => listener(progress))).catch(
      (error: unknown) => {
        // A failed boot is forgotten, so the reader's next Run tries again at once.
        this.booting = undefined;
        throw error instanceof RunnerUnavailableError
          ? error
          : new RunnerUnavailableError('webcontainer', notice('boot-failed', { error: message(error) }), {
              cause: error,
            });
      },
    );
    return untilAborted(this.booting, signal).finally(() => {
      if (onProgress) this.progressListeners.delete(onProgress);
    });
  }

  async run(request: RunRequest, onEvent: (event: RunEvent) => void, signal: AbortSignal): Promise<RunExit> {
    const startedAt = performance.now();
    try {
      await this.boot({ signal });
    } catch (error) {
      const exit: RunExit = {
        code: null,
        reason: signal.aborted ? 'stopped' : 'crashed',
        durationMs: Math.round(performance.now() - startedAt),
        ...(error instanceof RunnerUnavailableError ? { notice: error.notice } : {}),
      };
      onEvent({ type: 'exit', exit });
      return exit;
    }
    const container = await shared(this.options.scope).container!;
    return this.start(container, request, onEvent, signal);
  }

  private async prepare(onProgress: (progress: BootProgress) => void): Promise<void> {
    const problem = unsupportedReason(this.options.capabilities, this.options.allowIOS);
    if (problem) {
      const override = isIOS(this.options.capabilities) && !this.options.allowIOS ? 'allow-ios' : undefined;
      throw new RunnerUnavailableError('webcontainer', problem, { override });
    }

    const state = shared(this.options.scope);
    onProgress({ notice: notice('starting') });
    if (!state.container) {
      const starting = this.options
        .loadApi()
        .then((api) => api.WebContainer.boot({ coep: 'require-corp', workdirName: 'async-lab' }));
      state.container = starting;
      // A failed boot must not poison the page: the next attempt starts over.
      starting.catch(() => {
        if (state.container === starting) state.container = undefined;
      });
    }
    await withDeadline(
      state.container,
      this.options.bootTimeoutMs,
      () =>
        new RunnerUnavailableError(
          'webcontainer',
          notice('boot-timeout', { seconds: Math.round(this.options.bootTimeoutMs / 1000) }),
        ),
    ).catch((error: unknown) => {
      if (error instanceof RunnerUnavailableError) throw error;
      throw new RunnerUnavailableError('webcontainer', notice('boot-failed', { error: message(error) }), {
        cause: error,
      });
    });
    const container = await state.container;
    if (!state.listening) {
      state.listening = true;
      container.on('error', ({ message: text }) => {
        for (const listener of [...state.crashListeners]) listener(text);
      });
    }

    if (!state.mounted) {
      const mounting = this.loadSnapshot(onProgress).then(async (snapshot) => {
        onProgress({ notice: notice('unpacking'), fraction: 1 });
        await container.mount(snapshot);
      });
      state.mounted = mounting;
      mounting.catch(() => {
        if (state.mounted === mounting) state.mounted = undefined;
      });
    }
    await state.mounted;
    if (!state.nodeOptions) {
      const preparing = this.prepareTypeScript(container, onProgress);
      state.nodeOptions = preparing;
      preparing.catch(() => {
        if (state.nodeOptions === preparing) state.nodeOptions = undefined;
      });
    }
    await state.nodeOptions;
    onProgress({ notice: notice('ready'), fraction: 1 });
  }

  /** Makes the container's Node run .ts files (see node-typescript.ts); resolves to the NODE_OPTIONS runs need. */
  private async prepareTypeScript(
    container: WebContainer,
    onProgress: (progress: BootProgress) => void,
  ): Promise<string> {
    const version = await nodeVersion(container);
    // A Node that did not say its version is most likely the 22.22 the snapshot asks for.
    const support = typeScriptSupport(version ?? REQUESTED_NODE_VERSION);
    if (support.kind === 'unsupported') {
      throw new RunnerUnavailableError('webcontainer', notice('node-too-old', { version: version ?? '?' }));
    }
    if (support.kind === 'loader') {
      const loading = notice('typescript-support', { version: version ?? '?' });
      const bytes = await this.download(this.options.stripTypesUrl, onProgress, loading);
      await container.mount(bytes, { mountPoint: 'node_modules' });
    }
    return support.nodeOptions;
  }

  private loadSnapshot(onProgress: (progress: BootProgress) => void): Promise<Uint8Array> {
    return this.download(this.options.snapshotUrl, onProgress);
  }

  /**
   * Fetches a snapshot with progress ("Loading the examples (1.2 of 5.2 MB)…", or `progressNotice` when
   * given), gzip or not.
   */
  private async download(
    url: string,
    onProgress: (progress: BootProgress) => void,
    progressNotice?: RuntimeNotice,
  ): Promise<Uint8Array> {
    // A connection that stops sending would leave the reader on "Loading…" for good: give up after a silence.
    const stalled = () =>
      new RunnerUnavailableError(
        'webcontainer',
        notice('download-stalled', { url, seconds: Math.round(this.options.stallTimeoutMs / 1000) }),
      );
    const failed = (error: unknown) =>
      error instanceof RunnerUnavailableError
        ? error
        : new RunnerUnavailableError('webcontainer', notice('download-failed', { url, error: message(error) }));
    let response: Response;
    try {
      response = await withDeadline(this.options.fetch(url), this.options.stallTimeoutMs, stalled);
    } catch (error) {
      throw failed(error);
    }
    if (!response.ok || !response.body) {
      throw new RunnerUnavailableError('webcontainer', notice('download-http', { url, status: response.status }));
    }
    const total = Number(response.headers.get('content-length')) || 0;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { value, done } = await withDeadline(reader.read(), this.options.stallTimeoutMs, stalled).catch(
        (error: unknown) => {
          void reader.cancel().catch(() => undefined);
          throw failed(error);
        },
      );
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress({
        notice:
          progressNotice ??
          (total
            ? notice('download-progress-of', { received: mb(received), total: mb(total) })
            : notice('download-progress', { received: mb(received) })),
        ...(total ? { fraction: Math.min(1, received / total) } : {}),
      });
    }
    const snapshot = concat(chunks, received);
    // The site ships the snapshot gzip-compressed (hosts rarely compress binaries); the dev server sends it raw.
    return isGzip(snapshot) ? gunzip(snapshot) : snapshot;
  }

  private async start(
    container: WebContainer,
    request: RunRequest,
    onEvent: (event: RunEvent) => void,
    signal: AbortSignal,
  ): Promise<RunExit> {
    const startedAt = performance.now();
    const pipeline = createRunEventPipeline(onEvent);
    let resolveExit!: (exit: RunExit) => void;
    const exit = new Promise<RunExit>((resolve) => (resolveExit = resolve));
    let child: WebContainerProcess | undefined;
    let stopReason: 'stopped' | 'timeout' | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeoutMs = request.timeoutMs ?? this.options.runTimeoutMs;
    const timedOut = notice('timed-out', { seconds: Math.round(timeoutMs / 1000) });
    const end = (code: number | null, reason: RunExit['reason'], runNotice?: RuntimeNotice) => {
      if (pipeline.ended) return;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      const runExit: RunExit = {
        code,
        reason,
        durationMs: Math.round(performance.now() - startedAt),
        ...(runNotice ? { notice: runNotice } : {}),
      };
      pipeline.exit(runExit);
      resolveExit(runExit);
    };

    const stop = (reason: 'stopped' | 'timeout') => {
      if (pipeline.ended || stopReason) return;
      stopReason = reason;
      child?.kill();
      // kill() does not promise that `exit` settles: after a grace period the run counts as ended anyway.
      void delay(this.options.killGraceMs).then(() => end(null, reason, reason === 'timeout' ? timedOut : undefined));
    };
    const onAbort = () => stop('stopped');
    if (signal.aborted) {
      end(null, 'stopped');
      return exit;
    }
    signal.addEventListener('abort', onAbort, { once: true });

    try {
      const cwd = `${EXAMPLES_DIR}/${request.example}`;
      await this.writeFiles(container, cwd, request.files);
      const [command, ...args] = request.command;
      if (!command) throw new Error('The run has no command.');
      const nodeOptions = await shared(this.options.scope).nodeOptions;
      if (signal.aborted) {
        end(null, 'stopped');
        return exit;
      }
      child = await container.spawn(command, args, {
        cwd,
        env: { FORCE_COLOR: '1', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...request.env },
        terminal: { cols: 120, rows: 40 },
      });
    } catch (error) {
      end(null, 'crashed', notice('spawn-failed', { error: message(error) }));
      return exit;
    }
    // Aborted while the process was being spawned: it exists now, so end it.
    if (signal.aborted) stop('stopped');

    const piped = child.output
      .pipeTo(new WritableStream({ write: (text) => pipeline.output(text) }))
      .catch(() => undefined);
    void child.exit.then(
      async (code) => {
        // Output still in flight when the process ends belongs before the exit event.
        await Promise.race([piped, delay(100)]);
        if (stopReason) end(null, stopReason, stopReason === 'timeout' ? timedOut : undefined);
        else end(code, 'exited');
      },
      (error: unknown) => end(null, 'crashed', notice('process-lost', { error: message(error) })),
    );
    timer = setTimeout(() => stop('timeout'), timeoutMs);
    const { crashListeners } = shared(this.options.scope);
    const onCrash = (text: string) => {
      child?.kill();
      end(null, 'crashed', notice('container-failed', { error: text }));
    };
    crashListeners.add(onCrash);
    void exit.then(() => crashListeners.delete(onCrash));
    return exit;
  }

  /** Puts back what earlier runs changed, then writes this run's edits (remembering the originals). */
  private async writeFiles(container: WebContainer, cwd: string, files: Record<string, string>): Promise<void> {
    const { originals } = shared(this.options.scope);
    for (const [path, original] of originals) {
      if (original === null) await container.fs.rm(path, { force: true });
      else await container.fs.writeFile(path, original);
    }
    originals.clear();
    for (const [relative, content] of Object.entries(files)) {
      if (relative.startsWith('/') || relative.split('/').includes('..')) {
        throw new Error(`"${relative}" is not a path inside the example.`);
      }
      const path = `${cwd}/${relative}`;
      originals.set(path, await container.fs.readFile(path, 'utf-8').catch(() => null));
      const folder = path.slice(0, path.lastIndexOf('/'));
      await container.fs.mkdir(folder, { recursive: true });
      await container.fs.writeFile(path, content);
    }
  }
}

/** Why WebContainers cannot run in this browser, or undefined when they can. */
export function unsupportedReason(capabilities: BrowserCapabilities, allowIOS: boolean): RuntimeNotice | undefined {
  if (!capabilities.webAssembly) return notice('no-webassembly');
  if (!capabilities.sharedArrayBuffer || !capabilities.crossOriginIsolated) return notice('not-isolated');
  if (isIOS(capabilities) && !allowIOS) return notice('ios');
  return undefined;
}

/** iPadOS Safari says "Macintosh" in its user agent; touch points give it away. */
export function isIOS({ userAgent, maxTouchPoints }: BrowserCapabilities): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

function readCapabilities(): BrowserCapabilities {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: Navigator };
  return {
    crossOriginIsolated: scope.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    webAssembly: typeof WebAssembly === 'object',
    userAgent: scope.navigator?.userAgent ?? '',
    maxTouchPoints: scope.navigator?.maxTouchPoints ?? 0,
  };
}

/** What `node --version` prints in the container, e.g. "v20.19.1"; undefined when it does not answer. */
async function nodeVersion(container: WebContainer): Promise<string | undefined> {
  try {
    const probe = await container.spawn('node', ['--version']);
    let text = '';
    const read = probe.output.pipeTo(new WritableStream({ write: (chunk) => void (text += chunk) }));
    await withDeadline(Promise.all([probe.exit, read]), 5_000, () => new Error('node --version did not answer'));
    return /v\d+\.\d+\.\d+/.exec(text)?.[0];
  } catch {
    return undefined;
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The promise, or the signal's reason if it aborts first (the work itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
