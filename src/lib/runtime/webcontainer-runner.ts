// Runner that runs examples in the browser with WebContainers (@webcontainer/api).
// One WebContainer per page (the API allows only one): booted once, kept on globalThis so Vite/Astro HMR
// re-evaluating this module reuses it, with the prebuilt snapshot of examples/ (node_modules included) mounted
// once, so a run needs no npm install.
//
// It does not depend on which Node the container starts (20 by default, 22 on request, maybe 18 somewhere):
// the snapshot carries every example .ts file with a JavaScript twin whose types are stripped, the reader's
// edits are stripped the same way in the page before they are written (type-stripper.ts, a worker loaded on
// the first edited Run), and runs start the twins (container-spawn.ts). No flags, no loader hooks, no
// NODE_OPTIONS. What a run prints names the twins; reader-paths.ts maps those paths back to the .ts files.
//
// Failing fast: when StackBlitz cannot be reached, stackblitz-frame.ts sees the API's frame fail within
// seconds and the boot says so; the next Run loads the frame again at once. A boot that is slow but
// progressing (StackBlitz answered) shows how long it has been going and gets `bootTimeoutMs` (2 min).
import type {
  BootOptions,
  ErrorListener,
  FileSystemAPI,
  ServerReadyListener,
  SpawnOptions,
  Unsubscribe,
  WebContainerProcess,
} from '@webcontainer/api';
import { containerSpawn, EXAMPLES_DIR } from './container-spawn.ts';
import { isTypeScriptPath, jsTwinPath } from './js-twin.ts';
import { createReaderPathMapper } from './reader-paths.ts';
import { createRunEventPipeline } from './run-events.ts';
import {
  RunnerUnavailableError,
  type BootProgress,
  type RunEvent,
  type RunExit,
  type Runner,
  type RunnerBootOptions,
  type RunRequest,
} from './runner.ts';
import { notice, type RuntimeNotice } from './runtime-notices.ts';
import { downloadSnapshot } from './snapshot-download.ts';
import { watchHeadlessFrame, type FrameEvent, type HeadlessFrame } from './stackblitz-frame.ts';
import { createWorkerTypeStripper, type TypeStripper } from './type-stripper.ts';

/**
 * What the runner uses of a booted WebContainer. The real class satisfies it (its other members are not used);
 * so does the test fake (test/fakes/webcontainer.ts), with no cast.
 */
export interface ContainerApi {
  readonly fs: Pick<FileSystemAPI, 'readFile' | 'writeFile' | 'mkdir' | 'rm'>;
  /** The full path of the working directory, e.g. /home/async-lab. */
  readonly workdir: string;
  mount(snapshot: Uint8Array, options?: { mountPoint?: string }): Promise<void>;
  spawn(command: string, args: string[], options?: SpawnOptions): Promise<WebContainerProcess>;
  on(event: 'error', listener: ErrorListener): Unsubscribe;
  on(event: 'server-ready', listener: ServerReadyListener): Unsubscribe;
}

/** The part of the @webcontainer/api module this runner uses (a fake in the tests). */
export interface WebContainerApi {
  WebContainer: { boot(options?: BootOptions): Promise<ContainerApi> };
  /** StackBlitz's API key for a commercial deployment; must be set before boot(). */
  configureAPIKey?(key: string): void;
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
  fetch?: typeof fetch;
  /** Watches StackBlitz's frame to fail fast (the page's by default); null where there is no page (tests). */
  watchFrame?: (() => HeadlessFrame) | null;
  /** Once StackBlitz has answered, how long its runtime may take to start. */
  bootTimeoutMs?: number;
  /** A snapshot download that sends nothing for this long is given up. */
  stallTimeoutMs?: number;
  /** Default run timeout when the request has none. */
  runTimeoutMs?: number;
  /** How long a stopped run waits for the process to report its exit after kill(). */
  killGraceMs?: number;
  /** Strips the reader's edited .ts files (a worker in the page by default). */
  stripTypes?: TypeStripper;
  /** WebContainers on iOS are unreliable; run there only when the reader asked for it. */
  allowIOS?: boolean;
  /**
   * StackBlitz's WebContainer API key, which a commercial deployment needs (free for open-source and personal
   * use). By default PUBLIC_WEBCONTAINER_API_KEY from the build's environment; none when unset.
   */
  apiKey?: string;
  capabilities?: BrowserCapabilities;
  /** Where the page-wide WebContainer is kept (globalThis; a fresh object in tests). */
  scope?: object;
}

export const DEFAULT_SNAPSHOT_URL = '/webcontainer/examples.bin';
const DEFAULT_BOOT_TIMEOUT_MS = 120_000;
const DEFAULT_STALL_TIMEOUT_MS = 30_000;
const DEFAULT_RUN_TIMEOUT_MS = 60_000;
const DEFAULT_KILL_GRACE_MS = 1_000;
/** The working directory's name; the API makes it /home/<name>. */
const WORKDIR_NAME = 'async-lab';

/** State shared by every runner on the page, surviving module re-evaluation. */
interface SharedContainer {
  /** The API's one boot for this page: kept while it waits (a later Run reloads its frame), dropped if it fails. */
  booting?: Promise<ContainerApi>;
  frame?: HeadlessFrame;
  /** The last attempt to reach StackBlitz failed: the next boot loads the frame again. */
  frameFailed?: boolean;
  /** StackBlitz has answered this page: its runtime is starting (or hangs; the frame is not loaded again then). */
  answered?: boolean;
  mounted?: Promise<void>;
  /** Files overwritten by earlier runs: path → original contents (null: the file did not exist). */
  originals: Map<string, string | null>;
  /** Runs to end when the WebContainer reports an internal error (it may never report their exit). */
  crashListeners: Set<(message: string) => void>;
  /** The run under way hears of servers it starts. */
  serverListeners: Set<(port: number, url: string) => void>;
  listening?: boolean;
  /** `node --version` where runs run (the example's folder), asked once per folder when needed. */
  nodeVersions: Map<string, Promise<string | undefined>>;
}

const SHARED_KEY = Symbol.for('async-lab.webcontainer');

function shared(scope: object): SharedContainer {
  const holder = scope as { [SHARED_KEY]?: SharedContainer };
  return (holder[SHARED_KEY] ??= {
    originals: new Map(),
    crashListeners: new Set(),
    serverListeners: new Set(),
    nodeVersions: new Map(),
  });
}

export class WebContainerRunner implements Runner {
  readonly kind = 'webcontainer' as const;
  /** The boot under way or done; cleared when it fails, so the next call tries again. */
  private booting: Promise<ContainerApi> | undefined;
  /** Everyone waiting on the boot under way hears its progress. */
  private readonly progressListeners = new Set<(progress: BootProgress) => void>();
  private readonly options: Required<Omit<WebContainerRunnerOptions, 'capabilities' | 'watchFrame' | 'apiKey'>> & {
    capabilities: BrowserCapabilities;
    watchFrame: (() => HeadlessFrame) | null;
    apiKey: string | undefined;
  };

  constructor(options: WebContainerRunnerOptions = {}) {
    this.options = {
      loadApi: options.loadApi ?? (() => import('@webcontainer/api')),
      snapshotUrl: options.snapshotUrl ?? DEFAULT_SNAPSHOT_URL,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      watchFrame: options.watchFrame === undefined ? () => watchHeadlessFrame() : options.watchFrame,
      bootTimeoutMs: options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      runTimeoutMs: options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
      killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      stripTypes: options.stripTypes ?? sharedWorkerStripper(),
      allowIOS: options.allowIOS ?? false,
      apiKey: options.apiKey ?? (import.meta.env.PUBLIC_WEBCONTAINER_API_KEY || undefined),
      capabilities: options.capabilities ?? readCapabilities(),
      scope: options.scope ?? globalThis,
    };
  }

  boot({ onProgress, signal }: RunnerBootOptions = {}): Promise<void> {
    return this.container({ onProgress, signal }).then(() => undefined);
  }

  async run(request: RunRequest, onEvent: (event: RunEvent) => void, signal: AbortSignal): Promise<RunExit> {
    const startedAt = performance.now();
    const endEarly = (reason: RunExit['reason'], runNotice?: RuntimeNotice): RunExit => {
      const exit: RunExit = {
        code: null,
        reason,
        durationMs: Math.round(performance.now() - startedAt),
        ...(runNotice ? { notice: runNotice } : {}),
      };
      onEvent({ type: 'exit', exit });
      return exit;
    };
    let container: ContainerApi;
    try {
      container = await this.container({ signal });
    } catch (error) {
      return endEarly(
        signal.aborted ? 'stopped' : 'crashed',
        error instanceof RunnerUnavailableError ? error.notice : undefined,
      );
    }
    const tooOld = await this.nodeTooOld(container, request.example);
    if (tooOld) return endEarly('crashed', tooOld);
    return this.start(container, request, onEvent, signal);
  }

  /** The booted container with the snapshot mounted; shared by concurrent callers, retried after a failure. */
  private container({ onProgress, signal }: RunnerBootOptions): Promise<ContainerApi> {
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

  private async prepare(onProgress: (progress: BootProgress) => void): Promise<ContainerApi> {
    const problem = unsupportedReason(this.options.capabilities, this.options.allowIOS);
    if (problem) {
      const override = isIOS(this.options.capabilities) && !this.options.allowIOS ? 'allow-ios' : undefined;
      throw new RunnerUnavailableError('webcontainer', problem, { override });
    }
    onProgress({ notice: notice('starting') });
    const container = await this.startContainer(onProgress);

    const state = shared(this.options.scope);
    if (!state.listening) {
      state.listening = true;
      container.on('error', ({ message: text }) => {
        for (const listener of [...state.crashListeners]) listener(text);
      });
      container.on('server-ready', (port, url) => {
        for (const listener of [...state.serverListeners]) listener(port, url);
      });
    }
    if (!state.mounted) {
      const mounting = downloadSnapshot(this.options.snapshotUrl, {
        fetch: this.options.fetch,
        stallTimeoutMs: this.options.stallTimeoutMs,
        onProgress,
      }).then(async (snapshot) => {
        onProgress({ notice: notice('unpacking'), fraction: 1 });
        // The API transfers the bytes to the container: they are not usable here afterwards.
        await container.mount(snapshot);
      });
      state.mounted = mounting;
      mounting.catch(() => {
        if (state.mounted === mounting) state.mounted = undefined;
      });
    }
    await state.mounted;
    onProgress({ notice: notice('ready'), fraction: 1 });
    return container;
  }

  /**
   * The page's WebContainer: WebContainer.boot() is called once per page (again only if it failed); while it
   * waits on StackBlitz, the frame watcher decides within seconds whether StackBlitz can be reached.
   */
  private async startContainer(onProgress: (progress: BootProgress) => void): Promise<ContainerApi> {
    const state = shared(this.options.scope);
    if (!state.booting) {
      const api = await this.options.loadApi();
      if (this.options.apiKey) api.configureAPIKey?.(this.options.apiKey);
      state.frame = this.options.watchFrame?.() ?? undefined;
      state.frameFailed = false;
      state.answered = false;
      const booting = api.WebContainer.boot({ coep: 'require-corp', workdirName: WORKDIR_NAME });
      state.booting = booting;
      booting.catch(() => {
        if (state.booting !== booting) return;
        state.booting = undefined;
        state.frame = undefined;
      });
    } else if (state.frameFailed) {
      // The API's boot is still waiting on its frame: load the frame again, and watch this new attempt.
      state.frameFailed = false;
      state.frame?.retry();
    }
    const booting = state.booting;
    const frame = state.frame;

    const startedAt = performance.now();
    let stopWatching = () => {};
    let ticker: ReturnType<typeof setInterval> | undefined;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const failed = new Promise<never>((_, reject) => {
      // StackBlitz answered (or there is no frame to watch): slow is fine, for bootTimeoutMs, saying how long.
      const progressing = () => {
        if (deadline) return;
        const say = () =>
          onProgress({
            notice: notice('starting-for', { seconds: Math.round((performance.now() - startedAt) / 1000) }),
          });
        ticker = setInterval(say, 1000);
        deadline = setTimeout(
          () => reject(new RunnerUnavailableError('webcontainer', bootTimeout(this.options.bootTimeoutMs))),
          this.options.bootTimeoutMs,
        );
      };
      if (!frame || frame.initialised || state.answered) return progressing();
      stopWatching = frame.onEvent((event: FrameEvent) => {
        if (event.type === 'unreachable' || event.type === 'silent') {
          state.frameFailed = true;
          const failure =
            event.type === 'unreachable'
              ? notice('stackblitz-unreachable', { host: event.host })
              : notice('stackblitz-silent', { seconds: event.seconds });
          reject(new RunnerUnavailableError('webcontainer', failure));
        } else if (event.type === 'answered' || event.type === 'initialised') {
          state.answered = true;
          progressing();
        }
      });
    });
    try {
      return await Promise.race([booting, failed]);
    } finally {
      stopWatching();
      clearInterval(ticker);
      clearTimeout(deadline);
    }
  }

  /**
   * A notice when the container's Node is older than what the example's dependencies declare they need
   * (engines.node in the snapshot's package.json, see the snapshot builder), e.g. Fastify 5 on Node 18.
   */
  private async nodeTooOld(container: ContainerApi, example: string): Promise<RuntimeNotice | undefined> {
    const cwd = `${EXAMPLES_DIR}/${example}`;
    const manifest = await container.fs.readFile(`${cwd}/package.json`, 'utf-8').catch(() => undefined);
    const required = manifest ? /^>=(\d+\.\d+\.\d+)$/.exec(parseEngines(manifest) ?? '')?.[1] : undefined;
    if (!required) return undefined;
    const { nodeVersions } = shared(this.options.scope);
    if (!nodeVersions.has(cwd)) nodeVersions.set(cwd, nodeVersion(container, cwd));
    const version = await nodeVersions.get(cwd)!;
    if (!version || compareVersions(version.replace(/^v/, ''), required) >= 0) return undefined;
    return notice('node-too-old', { version, required });
  }

  private async start(
    container: ContainerApi,
    request: RunRequest,
    onEvent: (event: RunEvent) => void,
    signal: AbortSignal,
  ): Promise<RunExit> {
    const startedAt = performance.now();
    const pipeline = createRunEventPipeline(onEvent);
    const paths = createReaderPathMapper(`${container.workdir}/${EXAMPLES_DIR}`, (text) => pipeline.output(text));
    let resolveExit!: (exit: RunExit) => void;
    const exit = new Promise<RunExit>((resolve) => (resolveExit = resolve));
    let child: WebContainerProcess | undefined;
    let stopReason: 'stopped' | 'timeout' | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeoutMs = request.timeoutMs ?? this.options.runTimeoutMs;
    const timedOut = notice('timed-out', { seconds: Math.round(timeoutMs / 1000) });
    const state = shared(this.options.scope);
    const onServer = (port: number, url: string) => {
      if (!pipeline.ended) onEvent({ type: 'server-ready', port, url });
    };
    const end = (code: number | null, reason: RunExit['reason'], runNotice?: RuntimeNotice) => {
      if (pipeline.ended) return;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      state.serverListeners.delete(onServer);
      paths.flush();
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
      // kill() takes no signal (the process cannot clean up), and does not promise that `exit` settles, nor
      // with which code: after a grace period the run counts as ended anyway.
      child?.kill();
      void delay(this.options.killGraceMs).then(() => end(null, reason, reason === 'timeout' ? timedOut : undefined));
    };
    const onAbort = () => stop('stopped');
    if (signal.aborted) {
      end(null, 'stopped');
      return exit;
    }
    signal.addEventListener('abort', onAbort, { once: true });

    try {
      const spawn = containerSpawn(request);
      await this.writeFiles(container, spawn.cwd, request.files);
      if (signal.aborted) {
        end(null, 'stopped');
        return exit;
      }
      state.serverListeners.add(onServer);
      child = await container.spawn(spawn.command, spawn.args, {
        cwd: spawn.cwd,
        env: spawn.env,
        terminal: spawn.terminal,
      });
    } catch (error) {
      end(null, 'crashed', notice('spawn-failed', { error: message(error) }));
      return exit;
    }
    // Aborted while the process was being spawned: it exists now, so end it.
    if (signal.aborted) stop('stopped');

    // The API decodes each output chunk on its own: a character whose bytes two chunks share arrives as U+FFFD.
    // Trace lines are ASCII for that reason; the reader's own text may show the replacement character.
    const piped = child.output.pipeTo(new WritableStream({ write: (text) => paths.push(text) })).catch(() => undefined);
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
    const onCrash = (text: string) => {
      child?.kill();
      end(null, 'crashed', notice('container-failed', { error: text }));
    };
    state.crashListeners.add(onCrash);
    void exit.then(() => state.crashListeners.delete(onCrash));
    return exit;
  }

  /**
   * Puts back what earlier runs changed, then writes this run's edits: each file as the reader wrote it and, for
   * a .ts file, its JavaScript twin (which is what runs), stripped in the page. An edit equal to the snapshot's
   * file needs nothing: its twin is already there.
   */
  private async writeFiles(container: ContainerApi, cwd: string, files: Record<string, string>): Promise<void> {
    const { originals } = shared(this.options.scope);
    for (const [path, original] of originals) {
      if (original === null) await container.fs.rm(path, { force: true });
      else await container.fs.writeFile(path, original);
    }
    originals.clear();

    const writes: [string, string][] = [];
    const toStrip: Record<string, string> = {};
    for (const [relative, content] of Object.entries(files)) {
      if (relative.startsWith('/') || relative.split('/').includes('..')) {
        throw new Error(`"${relative}" is not a path inside the example.`);
      }
      const path = `${cwd}/${relative}`;
      const current = await container.fs.readFile(path, 'utf-8').catch(() => null);
      if (current === content) continue;
      writes.push([path, content]);
      if (isTypeScriptPath(relative)) toStrip[path] = content;
    }
    const twins = await this.options.stripTypes(toStrip);
    for (const [path, code] of Object.entries(twins)) writes.push([jsTwinPath(path), code]);

    for (const [path, content] of writes) {
      if (!originals.has(path)) originals.set(path, await container.fs.readFile(path, 'utf-8').catch(() => null));
      await container.fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
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

/** One type-stripping worker for the page, whichever runner asks. */
let pageStripper: TypeStripper | undefined;
function sharedWorkerStripper(): TypeStripper {
  return (files) => (pageStripper ??= createWorkerTypeStripper())(files);
}

function bootTimeout(ms: number): RuntimeNotice {
  return notice('boot-timeout', { seconds: Math.round(ms / 1000) });
}

/** What `node --version` prints where runs run, e.g. "v20.19.1"; undefined when it does not answer. */
async function nodeVersion(container: ContainerApi, cwd: string): Promise<string | undefined> {
  try {
    const probe = await container.spawn('node', ['--version'], { cwd });
    let text = '';
    const read = probe.output.pipeTo(new WritableStream({ write: (chunk) => void (text += chunk) }));
    const answered = await Promise.race([Promise.all([probe.exit, read]).then(() => true), delay(10_000)]);
    if (!answered) probe.kill();
    return /v\d+\.\d+\.\d+/.exec(text)?.[0];
  } catch {
    return undefined;
  }
}

function parseEngines(manifest: string): string | undefined {
  try {
    return (JSON.parse(manifest) as { engines?: { node?: string } }).engines?.node;
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x![i] ?? 0) !== (y![i] ?? 0)) return (x![i] ?? 0) - (y![i] ?? 0);
  return 0;
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
