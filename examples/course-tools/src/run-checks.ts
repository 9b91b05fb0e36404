// Runs one check file with Node's own test runner and collects its results: the file runs in a child process
// (`node --test-reporter=check-reporter.ts --test-reporter-destination=<events file> exercise/check.test.ts`,
// which inherits this one's environment: EXERCISE_DIR), and check-reporter.ts writes what happens there to the
// events file, read here as it grows. Nothing is parsed from the child's stdout: in a WebContainer that goes
// through a terminal. It needs nothing installed (no vitest), and only what Node 18.15+ has.
//
// Time limits are kept here, by watching the events: a check that makes no progress for `checkTimeoutMs` is
// named and the run stopped; no run lasts longer than `runTimeoutMs`. (run({ timeout }) limits the whole file on
// Node 20 and 22 but each test on Node 24.)
import { spawn } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { CheckCollector, type CollectedChecks, type StopReason } from './check-collector.ts';
import type { CheckEvent } from './check-reporter.ts';

export interface RunChecksOptions {
  /** The package folder: the checks run there, and paths in messages are shown relative to it. */
  pkgDir: string;
  /** The check file as the learner knows it, for messages (default: `file`). */
  shownFile?: string;
  checkTimeoutMs: number;
  runTimeoutMs: number;
}

const reporter = fileURLToPath(new URL('./check-reporter.ts', import.meta.url));
/** How often the events file is read while the checks run. */
const POLL_MS = 50;
/** A stopped check file gets this long to end after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 300;

export async function runChecks(file: string, options: RunChecksOptions): Promise<CollectedChecks> {
  const collector = new CheckCollector(options.shownFile ?? file, options.pkgDir);
  const folder = await mkdtemp(join(tmpdir(), 'async-lab-check-'));
  const eventsFile = join(folder, 'events.jsonl');
  try {
    const child = spawn(
      process.execPath,
      // The learner's own Node flags (e.g. --experimental-strip-types on Node 22.12–22.17) go to the child too.
      [...process.execArgv, `--test-reporter=${reporter}`, `--test-reporter-destination=${eventsFile}`, file],
      { cwd: options.pkgDir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('error', (error) => {
        stderr += `${error.message}\n`;
        resolve({ exitCode: null, signal: null });
      });
      child.on('close', (exitCode, signal) => resolve({ exitCode, signal }));
    });

    let stopped = false;
    const stop = (reason: StopReason, ms: number) => {
      if (stopped) return;
      stopped = true;
      collector.stop(reason, ms);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    };
    let idle: NodeJS.Timeout | undefined;
    const restartIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => stop('check-timeout', options.checkTimeoutMs), options.checkTimeoutMs);
    };
    const whole = setTimeout(() => stop('run-timeout', options.runTimeoutMs), options.runTimeoutMs);

    const events = tailEvents(eventsFile, (event) => {
      // Loading the file (and everything it imports) is not a check: only the whole-run limit applies to it.
      if (collector.record(event) && collector.loaded) restartIdle();
    });
    const poller = setInterval(() => void events.read(), POLL_MS);
    try {
      const { exitCode, signal } = await exited;
      clearInterval(poller);
      await events.read(); // the read under way, if any,
      await events.read(); // and one that surely starts after the process ended
      if (!stopped) collector.ended({ stderr, exitCode, signal });
    } finally {
      clearInterval(poller);
      clearTimeout(idle);
      clearTimeout(whole);
    }
    return collector.result();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Reads the events file from where it was left, line by line; a read already under way is shared. */
function tailEvents(path: string, onEvent: (event: CheckEvent) => void): { read(): Promise<void> } {
  let offset = 0;
  let partial = '';
  const decoder = new StringDecoder('utf8');
  let reading: Promise<void> | undefined;
  const readMore = async () => {
    const handle = await open(path, 'r').catch(() => undefined); // not written yet
    if (!handle) return;
    try {
      const buffer = Buffer.alloc(64 * 1024);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        partial += decoder.write(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as CheckEvent);
  };
  return {
    read() {
      reading ??= readMore().finally(() => (reading = undefined));
      return reading;
    },
  };
}
