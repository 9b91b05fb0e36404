// Reads node:test's event stream for one check file and keeps what the verdict needs: each check
// (a leaf test: describe() blocks only group them) with its outcome, in definition order, and the errors
// that happened outside any check (the file did not load, a hook threw). It also knows which check is
// running, so a check that never finishes can be named when the run is stopped (see run-checks.ts).
import type { TestEvent } from 'node:test/reporters';
import { failureReason } from './failure-reason.ts';
import { describeLoadError } from './load-error.ts';
import type { CheckResult } from './verdict.ts';

type Finished = Extract<TestEvent, { type: 'test:pass' | 'test:fail' }>;

interface Located {
  name: string;
  nesting: number;
  line?: number;
  column?: number;
}

interface Running extends Located {
  /** How many checks were collected when it started: the ones after are its own. */
  firstCheck: number;
}

interface Collected extends CheckResult {
  /** Failed only because the suite around it failed (a before() hook threw): the suite's error is the reason. */
  cancelled?: boolean;
}

export type StopReason = 'check-timeout' | 'run-timeout';

export interface CollectedChecks {
  checks: CheckResult[];
  /** Errors outside any check: the checks could not (all) run. */
  loadErrors: string[];
  notes: string[];
}

/** node:test's words for an error a test caused after it had ended (a timer or promise it left behind). */
const LATE_ERROR =
  /^Error: Test "(.*)" at \S+ generated asynchronous activity after the test ended\. This activity created the error "(.*)" and would have/;

export class CheckCollector {
  /** True once the file has loaded far enough to define a check. */
  loaded = false;
  private readonly file: string;
  private readonly pkgDir: string;
  private readonly checks: Collected[] = [];
  private readonly loadErrors: string[] = [];
  private readonly notes: string[] = [];
  /** Tests and suites started but not finished, outermost first. */
  private readonly running: Running[] = [];
  /** Tests and suites queued but not started yet. */
  private readonly queued = new Map<string, Located>();
  private stderr = '';
  private lateError: string | undefined;
  private stopped = false;

  /** `file`: the check file's absolute path, as given to run(); `pkgDir`: messages show paths relative to it. */
  constructor(file: string, pkgDir: string) {
    this.file = file;
    this.pkgDir = pkgDir;
  }

  /** Takes one event; returns true when it shows progress (a check queued, started or finished). */
  record(event: TestEvent): boolean {
    switch (event.type) {
      case 'test:stderr':
        this.stderr += event.data.message;
        return false;
      case 'test:diagnostic': {
        const late = LATE_ERROR.exec(event.data.message);
        if (late) this.lateError ??= `${late[2]}\n(thrown after the check "${late[1]}" had ended)`;
        return false;
      }
      case 'test:enqueue':
        if (this.isFile(event.data)) return false;
        this.loaded = true;
        this.queued.set(key(event.data), event.data);
        return true;
      case 'test:dequeue':
        if (this.isFile(event.data)) return false;
        this.queued.delete(key(event.data));
        // Checks in a file run one after another: a start at this depth means the ones as deep have ended.
        while ((this.running.at(-1)?.nesting ?? -1) >= event.data.nesting) this.running.pop();
        this.running.push({ ...event.data, firstCheck: this.checks.length });
        return true;
      case 'test:pass':
      case 'test:fail':
        this.finish(event);
        return true;
      default:
        return false;
    }
  }

  /** The run is being stopped: the check still running (if any) did not finish, the queued ones never ran. */
  stop(reason: StopReason, afterMs: number): void {
    if (this.stopped) return;
    this.stopped = true;
    const seconds = afterMs / 1000;
    if (!this.loaded) {
      this.loadErrors.push(`${this.relativeFile()} did not finish loading within ${seconds} s`);
      return;
    }
    const stuck = this.running.at(-1);
    if (stuck) {
      this.checks.push({
        name: stuck.name,
        state: 'fail',
        reason:
          reason === 'check-timeout'
            ? `did not finish within ${seconds} s — is it waiting for something that never happens?`
            : `stopped: the checks took longer than ${seconds} s in all`,
      });
    }
    const notRun = [...this.queued.values()].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    for (const check of notRun) {
      this.checks.push({ name: check.name, state: 'fail', reason: 'not run: a check before it did not finish' });
    }
    if (!stuck && notRun.length === 0) {
      this.notes.push(
        `The checks finished, but something left open (a timer, a server, a connection) kept them from ending; stopped after ${seconds} s.`,
      );
    }
  }

  result(): CollectedChecks {
    return {
      checks: this.checks.map(({ name, state, reason }) =>
        reason === undefined ? { name, state } : { name, state, reason },
      ),
      loadErrors: [...this.loadErrors],
      notes: [...this.notes],
    };
  }

  private finish(event: Finished): void {
    if (this.stopped) return; // what ends after stop() ended because of it; stop() has said why
    const { data } = event;
    const at = this.running.findLastIndex((r) => r.nesting === data.nesting && r.name === data.name);
    const firstCheck = at === -1 ? 0 : this.running[at]!.firstCheck;
    if (at !== -1) this.running.splice(at);
    this.queued.delete(key(data));
    if (data.skip || data.todo) return;

    if (!this.isFile(data) && data.details.type !== 'suite') {
      this.checks.push(
        event.type === 'test:pass'
          ? { name: data.name, state: 'pass' }
          : {
              name: data.name,
              state: 'fail',
              reason: failureReason(event.data.details.error),
              cancelled: failureType(event.data.details.error) === 'cancelledByParent',
            },
      );
    } else if (event.type === 'test:fail') {
      this.groupFailed(event.data, firstCheck);
    }
  }

  /**
   * A suite or the file failed outside its checks: a before/after hook threw, the file did not load, or its
   * process ended badly. The checks it cancelled get the reason; otherwise it is an error outside the checks.
   */
  private groupFailed(data: Extract<Finished, { type: 'test:fail' }>['data'], firstCheck: number): void {
    const error = data.details.error as Error & { cause?: unknown; exitCode?: number | null; signal?: string | null };
    if (failureType(error) === 'subtestsFailed') return; // its checks say why
    const thrown = typeof error.cause === 'object' && error.cause !== null;
    const reason =
      thrown || !this.isFile(data)
        ? failureReason(error)
        : (this.lateError ??
          describeLoadError(
            { stderr: this.stderr, exitCode: error.exitCode, signal: error.signal },
            this.pkgDir,
            this.file,
          ));

    const cancelled = this.checks.slice(firstCheck).filter((c) => c.cancelled);
    for (const check of cancelled) check.reason = reason;
    if (cancelled.length > 0) return;
    const hook = failureType(error) === 'hookFailed';
    this.loadErrors.push(hook ? `A set-up or clean-up step (a before/after hook) failed: ${reason}` : reason);
  }

  /** node:test reports the file as a test of its own, named by its path, at the top level. */
  private isFile(data: Located): boolean {
    return data.nesting === 0 && data.name === this.file;
  }

  private relativeFile(): string {
    return this.file.startsWith(`${this.pkgDir}/`) ? this.file.slice(this.pkgDir.length + 1) : this.file;
  }
}

function failureType(error: unknown): string | undefined {
  return (error as { failureType?: string } | undefined)?.failureType;
}

function key(t: Located): string {
  return `${t.nesting}:${t.line ?? ''}:${t.column ?? ''}:${t.name}`;
}
