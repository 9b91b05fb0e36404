// The one kit for the packages' tests that run lesson programs: each run is a fresh Node process in the
// package folder, as `npm run …` starts it, whose queues key under a prefix of its own (queue-isolation.ts),
// so programs that name their queue 'math' can run side by side on one real Redis and always see job 1.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isolatedPrefix, newTestPrefix, removeTestKeys, TEST_PREFIX_ENV } from './queue-isolation.ts';

const isolatePreload = new URL('./isolate-preload.ts', import.meta.url).href;

/**
 * How long one program may run before it is stopped. Generous on purpose: on a busy two-core machine (two
 * test suites at once) a Node process that loads BullMQ can take many seconds to start; a program that
 * hangs is still stopped, and the run says so.
 */
export const SCRIPT_TIMEOUT_MS = 90_000;

/** For tests inside one process (one file shares one prefix): a queue name no other test in it uses. */
export function uniqueQueueName(base: string): string {
  return `${base}-${randomUUID()}`;
}

/** A plain Redis key (not a queue's) under this test file's prefix, so it is removed with the file's queues. */
export function testKey(name: string): string {
  const testPrefix = process.env[TEST_PREFIX_ENV];
  if (!testPrefix)
    throw new Error("testKey() needs the examples' vitest setup (course-tools/testing/vitest-setup.ts).");
  return `${isolatedPrefix(testPrefix)}:${name}`;
}

/** NODE_OPTIONS that also preload the queue isolation, keeping what was there. */
export function withIsolationPreload(nodeOptions = ''): string {
  const flag = `--import=${isolatePreload}`;
  return nodeOptions.includes(flag) ? nodeOptions : `${nodeOptions} ${flag}`.trim();
}

/** The environment of a program started for a test: the test runner's own variables left out, isolation in. */
export function programEnv(testPrefix: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'NODE_TEST_CONTEXT') delete env[key];
  }
  env.NODE_OPTIONS = withIsolationPreload(env.NODE_OPTIONS);
  env[TEST_PREFIX_ENV] = testPrefix;
  return env;
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningScript {
  child: ChildProcessWithoutNullStreams;
  /** Every line printed to stdout so far. */
  lines: string[];
  /** Resolves with the first stdout line matching `pattern`; rejects, with stderr, if the program ends first. */
  waitForLine(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the program has ended and its keys are gone from a real Redis. */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills programs a test left running (a failed assertion before its `finally`); the setup calls it after each test. */
export function stopLeftoverScripts(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs the scripts of the package in `packageDir` (a folder path or file: URL). */
export function packageScripts(packageDir: string | URL) {
  const cwd = typeof packageDir === 'string' ? packageDir : fileURLToPath(packageDir);

  /** Starts a long-running script (a server, a worker) and lets the test wait for lines it prints. */
  function startScript(script: string, env: Record<string, string> = {}, args: string[] = []): RunningScript {
    const testPrefix = newTestPrefix();
    const child = spawn(process.execPath, [script, ...args], { cwd, env: programEnv(testPrefix, env) });
    running.add(child);
    const lines: string[] = [];
    let stdout = '';
    let stderr = '';
    let ended = false;
    const wake = new Set<() => void>();
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      for (const notify of wake) notify();
    });
    const timer = setTimeout(() => {
      stderr += `\n[test kit] ${script} was still running after ${SCRIPT_TIMEOUT_MS / 1000} s: stopped it.\n`;
      child.kill('SIGKILL');
    }, SCRIPT_TIMEOUT_MS);
    const exited = new Promise<number | null>((resolve) => {
      child.once('close', async (code) => {
        clearTimeout(timer);
        running.delete(child);
        ended = true;
        for (const notify of wake) notify();
        const url = process.env.REDIS_URL;
        if (url) await removeTestKeys(url, testPrefix);
        resolve(code);
      });
    });

    async function waitForLine(pattern: RegExp): Promise<RegExpMatchArray> {
      for (;;) {
        for (const line of lines) {
          const match = line.match(pattern);
          if (match) return match;
        }
        if (ended) throw new Error(`${script} ended without printing a line like ${pattern}. stderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          const notify = () => {
            wake.delete(notify);
            resolve();
          };
          wake.add(notify);
        });
      }
    }
    return { child, lines, waitForLine, exited, stdout: () => stdout, stderr: () => stderr };
  }

  /** Runs a script to its end, the way `npm run …` does, and returns what it printed and its exit code. */
  async function runScript(script: string, env: Record<string, string> = {}, args: string[] = []): Promise<ScriptRun> {
    const run = startScript(script, env, args);
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  }

  return { runScript, startScript };
}
