// One run of an example with this machine's Node: a temporary copy of the example with the reader's edits
// written over it, the command in its own process group with a marker in its environment (so Stop also ends
// whatever it started, even what left the group), a timeout, and the copy removed afterwards.
//
// The copy lives in the runs folder (outside the project, so Vite's file watcher never sees it) next to a
// symlink to the repo's node_modules, which Node finds by walking up from the example. Workspace packages there
// are symlinks into examples/, and Node follows them to their real path, which is outside node_modules, so its
// type stripping accepts their .ts sources.
//
// A run ends when its process exits, not when its output pipe closes: a child that outlived it (in a new session,
// say) may hold the pipe open for ever, and used to keep the run, its Stop and its slot waiting with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ExitReason, RunExit } from '../../lib/runtime/runner.ts';
import { notice, type RuntimeNotice } from '../../lib/runtime/runtime-notices.ts';
import { RUN_MARKER, runMarker, signalMarked } from './run-processes.ts';
import type { ValidRunRequest } from './validate-request.ts';

/** How long a stopped process gets to exit on SIGTERM before its process group is killed. */
const STOP_GRACE_MS = 300;
/** After the kill, how long a process that SIGKILL does not end (stuck in the kernel) may hold the run. */
const KILL_GIVE_UP_MS = 10_000;
/**
 * After the process exited and the rest of the run was killed, its output is read to the end. A pipe still held
 * by a process that could not be found is given up after this long without output, or this long at most.
 */
const DRAIN_QUIET_MS = 500;
const DRAIN_MAX_MS = 10_000;

export interface RunLog {
  warn(message: string): void;
}

export interface LocalRunOptions {
  request: ValidRunRequest;
  /** The repo's examples/ folder, copied for the run. */
  examplesDir: string;
  /** The repo's node_modules, linked beside the copy. */
  nodeModulesDir: string;
  /** Where this session keeps its run folders (removed after each run); its name is the session's. */
  sessionDir: string;
  onOutput(text: string): void;
  /** Where a failed clean-up is reported. */
  log: RunLog;
}

export class LocalRun {
  readonly id = randomUUID();
  readonly exit: Promise<RunExit>;
  /** ASYNC_LAB_RUN=<this> is in the environment of every process of this run. */
  readonly marker: string;
  private child: ChildProcess | undefined;
  private reason: ExitReason | undefined;
  private notice: RuntimeNotice | undefined;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private resolveExit!: (exit: RunExit) => void;
  private readonly startedAt = performance.now();
  private readonly runDir: string;
  private ending = false;
  private finished = false;

  private readonly options: LocalRunOptions;

  private constructor(options: LocalRunOptions) {
    this.options = options;
    this.runDir = join(options.sessionDir, this.id);
    this.marker = runMarker(basename(options.sessionDir), this.id);
    this.exit = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** Prepares the copy and starts the process; never throws (a failure becomes a 'crashed' exit). */
  static start(options: LocalRunOptions): LocalRun {
    const run = new LocalRun(options);
    run.launch().catch((error: unknown) => run.end(null, null, error));
    return run;
  }

  /** True once the process is gone and the exit is known. */
  get ended(): boolean {
    return this.finished;
  }

  pauseOutput(): void {
    this.child?.stdout?.pause();
  }

  resumeOutput(): void {
    this.child?.stdout?.resume();
  }

  /** Ends every process of the run; resolves with the exit once the run's process is gone. */
  stop(reason: 'stopped' | 'timeout' = 'stopped', runNotice?: RuntimeNotice): Promise<RunExit> {
    if (this.reason === undefined && !this.ending) {
      this.reason = reason;
      this.notice = runNotice;
      if (this.child?.pid !== undefined) {
        // The group first, at once; what left it is found and killed once the run's process has exited (end()).
        this.signalGroup('SIGTERM');
        this.timers.push(
          setTimeout(() => this.signalGroup('SIGKILL'), STOP_GRACE_MS),
          setTimeout(() => void this.end(null, 'SIGKILL'), STOP_GRACE_MS + KILL_GIVE_UP_MS),
        );
      }
    }
    return this.exit;
  }

  /** Kills every process of the run at once, synchronously (the dev server itself is exiting). */
  killNow(): void {
    this.reason ??= 'stopped';
    this.signalAll('SIGKILL');
  }

  private async launch(): Promise<void> {
    const { request, examplesDir } = this.options;
    const examplesCopy = join(this.runDir, 'examples');
    await mkdir(this.runDir, { recursive: true });
    await symlink(this.options.nodeModulesDir, join(this.runDir, 'node_modules'), 'dir');
    // node_modules inside examples/ hold only tool caches; dependencies resolve from the repo root.
    await prepareExamples(examplesDir, examplesCopy, request.example);
    const cwd = join(examplesCopy, request.example);
    for (const [path, content] of Object.entries(request.files)) {
      await mkdir(dirname(join(cwd, path)), { recursive: true });
      await writeFile(join(cwd, path), content);
    }
    if (this.reason !== undefined) return this.end(null, null); // stopped while preparing

    const [command, ...args] = request.command;
    const executable = command === 'node' ? process.execPath : command!;
    // `exec … 2>&1` through sh: one pipe for stdout and stderr, interleaved as a terminal shows them, and the
    // process itself (not a shell) leads the new process group.
    const child = spawn('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', executable, ...args], {
      cwd,
      env: { ...runEnv(request.env), [RUN_MARKER]: this.marker },
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    this.child = child;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => this.options.onOutput(text));
    child.once('error', (error) => void this.end(null, null, error));
    child.once('exit', (code, signal) => void this.end(code, signal));
    this.timers.push(
      setTimeout(() => {
        void this.stop('timeout', notice('timed-out', { seconds: Math.round(request.timeoutMs / 1000) }));
      }, request.timeoutMs),
    );
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  /** The process group, and every process carrying this run's marker wherever it went. */
  private signalAll(signal: NodeJS.Signals): void {
    this.signalGroup(signal);
    signalMarked((marker) => marker === this.marker, signal);
  }

  private async end(code: number | null, signal: NodeJS.Signals | null, error?: unknown): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    for (const timer of this.timers) clearTimeout(timer);
    // Whatever the example left running goes with it, before its folder is removed under it.
    this.signalAll('SIGKILL');
    if (this.child?.stdout) await drain(this.child.stdout);
    await rm(this.runDir, { recursive: true, force: true, maxRetries: 3 }).catch((failure: unknown) =>
      this.options.log.warn(`could not remove the run folder ${this.runDir}: ${String(failure)}`),
    );
    const durationMs = Math.round(performance.now() - this.startedAt);
    let reason: ExitReason = this.reason ?? 'exited';
    let runNotice = this.notice;
    if (error !== undefined) {
      reason = 'crashed';
      runNotice = notice('local-start-failed', { error: error instanceof Error ? error.message : String(error) });
    } else if (this.reason === undefined && signal !== null) {
      reason = 'crashed';
      runNotice = notice('killed-by-signal', { signal });
    }
    this.reason = reason;
    this.finished = true;
    this.resolveExit({
      code: signal === null ? code : null,
      reason,
      durationMs,
      ...(runNotice ? { notice: runNotice } : {}),
    });
  }
}

/**
 * Reads what is left in the output pipe, then closes it. Ends at the pipe's end; a pipe that stays open with
 * nothing coming (a process nobody could find still holds it) is closed after DRAIN_QUIET_MS without output
 * while it is read, and after DRAIN_MAX_MS in any case. Time spent paused (the browser is behind) is not quiet.
 */
function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let lastData = performance.now();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(watch);
      clearTimeout(cap);
      stream.off('data', onData);
      stream.destroy();
      resolve();
    };
    const onData = () => (lastData = performance.now());
    const watch = setInterval(() => {
      if (stream.isPaused()) lastData = performance.now();
      else if (performance.now() - lastData >= DRAIN_QUIET_MS) finish();
    }, DRAIN_QUIET_MS / 5);
    const cap = setTimeout(finish, DRAIN_MAX_MS);
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('close', finish);
  });
}

/**
 * examples/ for one run: the example itself is copied (the edits go into the copy), everything beside it is
 * linked (the checker runs ../course-tools/…, and copying all packages would cost more than Node's start-up).
 * A file vanishing mid-copy (someone is saving) gets a second try.
 */
async function prepareExamples(from: string, to: string, example: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from)) {
    if (entry === 'node_modules' || entry === example) continue;
    await symlink(join(from, entry), join(to, entry));
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const filter = (source: string) => basename(source) !== 'node_modules';
      await cp(join(from, example), join(to, example), { recursive: true, force: true, filter });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
    }
  }
}

/** A small, predictable environment: the dev server's own variables (vitest's, say) must not leak in. */
function runEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { FORCE_COLOR: '1' };
  for (const name of ['HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TERM', 'REDIS_URL']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  // npm and npx sit next to the node binary; the run must use the same Node as the dev server.
  env.PATH = [dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(':');
  return { ...env, ...extra };
}
