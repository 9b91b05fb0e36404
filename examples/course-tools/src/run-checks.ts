// Runs one check file with Node's own test runner, run() from node:test: it needs nothing installed, so
// the checker works where vitest cannot (a WebContainer). The file runs in a child process that inherits
// this one's environment (EXERCISE_DIR, NODE_OPTIONS).
//
// Time limits are kept here rather than by run({ timeout }): on Node 20 and 22 that option limits the whole
// file, on Node 24 each test. Watching the event stream gives the same rule everywhere: a check that makes no
// progress for `checkTimeoutMs` is named and the run stopped; no run lasts longer than `runTimeoutMs`.
import { run } from 'node:test';
import { CheckCollector, type CollectedChecks, type StopReason } from './check-collector.ts';

export interface RunChecksOptions {
  /** The package folder: paths in messages are shown relative to it. */
  pkgDir: string;
  checkTimeoutMs: number;
  runTimeoutMs: number;
}

export async function runChecks(file: string, options: RunChecksOptions): Promise<CollectedChecks> {
  const collector = new CheckCollector(file, options.pkgDir);
  const abort = new AbortController();
  const stop = (reason: StopReason, ms: number) => {
    collector.stop(reason, ms);
    // Sends the child SIGTERM; the stream reports the file as cancelled and ends without waiting for it to exit.
    abort.abort();
  };

  let idle: NodeJS.Timeout | undefined;
  const restartIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stop('check-timeout', options.checkTimeoutMs), options.checkTimeoutMs);
  };
  const whole = setTimeout(() => stop('run-timeout', options.runTimeoutMs), options.runTimeoutMs);

  try {
    // Only options Node 20 has too: the WebContainer's Node may be that old.
    for await (const event of run({ files: [file], signal: abort.signal })) {
      // Loading the file (and everything it imports) is not a check: only the whole-run limit applies to it.
      if (collector.record(event) && collector.loaded) restartIdle();
    }
  } finally {
    clearTimeout(idle);
    clearTimeout(whole);
  }
  return collector.result();
}
