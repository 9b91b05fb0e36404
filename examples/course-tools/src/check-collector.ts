// Reads the events of one check file's run (check-reporter.ts writes them in its process) and keeps what the
// verdict needs: each check (a leaf test: describe() blocks only group them) with its outcome, in definition
// order, and the errors that happened outside any check (the file did not load, a hook threw, the process ended
// early). It also knows which check is running, so a check that never finishes can be named when the run is
// stopped (see run-checks.ts).
import type { CheckEvent } from './check-reporter.ts';
import { describeLoadError, type LoadFailure } from './load-error.ts';
import { say } from './say.ts';
import type { CheckResult } from './verdict.ts';

type Finished = Extract<CheckEvent, { type: 'pass' | 'fail' }>;

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

/**
 * node:test's words for an error a test caused after it had ended (a timer or promise it left behind): Node 20+
 * say "Error: Test "x" at file:1:1 generated…", Node 18 "Warning: Test "x" generated…".
 */
const LATE_ERROR =
  /^(?:Error|Warning): Test "(.*)"(?: at \S+)? generated asynchronous activity after the test ended\. This activity created the error "(.*)" and would have/;

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
  private lateError: string | undefined;
  private stopped = false;

  /** `file`: the check file's absolute path; `pkgDir`: messages show paths relative to it. */
  constructor(file: string, pkgDir: string) {
    this.file = file;
    this.pkgDir = pkgDir;
  }

  /** Takes one event; returns true when it shows progress (a check queued, started or finished). */
  record(event: CheckEvent): boolean {
    switch (event.type) {
      case 'diagnostic': {
        const late = LATE_ERROR.exec(event.message);
        if (late) this.lateError ??= `${late[2]}\n(thrown after the check "${late[1]}" had ended)`;
        return false;
      }
      case 'enqueue':
        this.loaded = true;
        this.queued.set(key(event), located(event));
        return true;
      case 'dequeue':
        this.queued.delete(key(event));
        // Checks in a file run one after another: a start at this depth means the ones as deep have ended.
        while ((this.running.at(-1)?.nesting ?? -1) >= event.nesting) this.running.pop();
        this.running.push({ ...located(event), firstCheck: this.checks.length });
        return true;
      case 'pass':
      case 'fail':
        this.finish(event);
        return true;
    }
  }

  /**
   * The check file's process ended by itself (not stopped). Whatever did not finish ended with it: a file that
   * did not load, a process.exit() in the code under test, an error outside the checks. Its stderr says why.
   */
  ended(failure: LoadFailure): void {
    if (this.stopped) return;
    const unfinished = this.running.length > 0 || this.queued.size > 0;
    const badExit = failure.exitCode !== 0 || Boolean(failure.signal);
    if (this.lateError) this.loadErrors.push(this.lateError);
    else if (badExit && (unfinished || !this.loaded || this.loadErrors.length + this.failedChecks() === 0)) {
      this.loadErrors.push(describeLoadError(failure, this.pkgDir, this.file));
    }
  }

  /** The run is being stopped: the check still running (if any) did not finish, the queued ones never ran. */
  stop(reason: StopReason, afterMs: number): void {
    if (this.stopped) return;
    this.stopped = true;
    const seconds = afterMs / 1000;
    if (!this.loaded) {
      this.loadErrors.push(
        say(
          `${this.relativeFile()} did not finish loading within ${seconds} s`,
          `${this.relativeFile()} 在 ${seconds} 秒内没有加载完`,
        ),
      );
      return;
    }
    const stuck = this.running.at(-1);
    if (stuck) {
      this.checks.push({
        name: stuck.name,
        state: 'fail',
        reason:
          reason === 'check-timeout'
            ? say(
                `did not finish within ${seconds} s — is it waiting for something that never happens?`,
                `${seconds} 秒内没有结束：是不是在等一件永远不会发生的事？`,
              )
            : say(
                `stopped: the checks took longer than ${seconds} s in all`,
                `已停止：全部检查加起来超过了 ${seconds} 秒`,
              ),
      });
    }
    const notRun = [...this.queued.values()].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    for (const check of notRun) {
      this.checks.push({
        name: check.name,
        state: 'fail',
        reason: say('not run: a check before it did not finish', '没有运行：前面的一项检查没有结束'),
      });
    }
    if (!stuck && notRun.length === 0) {
      this.notes.push(
        say(
          `The checks finished, but something left open (a timer, a server, a connection) kept them from ending; stopped after ${seconds} s.`,
          `检查都跑完了，但有东西没关（定时器、服务器或连接），让它们结束不了；${seconds} 秒后已停止。`,
        ),
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
    const at = this.running.findLastIndex((r) => r.nesting === event.nesting && r.name === event.name);
    const firstCheck = at === -1 ? 0 : this.running[at]!.firstCheck;
    if (at !== -1) this.running.splice(at);
    this.queued.delete(key(event));
    if (event.skipped) return;

    if (!event.suite) {
      this.checks.push(
        event.type === 'pass'
          ? { name: event.name, state: 'pass' }
          : {
              name: event.name,
              state: 'fail',
              reason: event.reason ?? 'failed',
              cancelled: event.failureType === 'cancelledByParent',
            },
      );
    } else if (event.type === 'fail') {
      this.groupFailed(event, firstCheck);
    }
  }

  /**
   * A suite failed outside its checks: a before/after hook threw. The checks it cancelled get the reason;
   * otherwise it is an error outside the checks.
   */
  private groupFailed(event: Finished, firstCheck: number): void {
    if (event.failureType === 'subtestsFailed') return; // its checks say why
    const reason = event.reason ?? 'failed';
    const cancelled = this.checks.slice(firstCheck).filter((c) => c.cancelled);
    for (const check of cancelled) check.reason = reason;
    if (cancelled.length > 0) return;
    const hook = event.failureType === 'hookFailed';
    this.loadErrors.push(
      hook
        ? say(
            `A set-up or clean-up step (a before/after hook) failed: ${reason}`,
            `一个准备或收尾步骤（before/after 钩子）失败了：${reason}`,
          )
        : reason,
    );
  }

  private failedChecks(): number {
    return this.checks.filter((c) => c.state === 'fail').length;
  }

  private relativeFile(): string {
    return this.file.startsWith(`${this.pkgDir}/`) ? this.file.slice(this.pkgDir.length + 1) : this.file;
  }
}

function located({ name, nesting, line, column }: Located): Located {
  return { name, nesting, line, column };
}

function key(t: Located): string {
  return `${t.nesting}:${t.line ?? ''}:${t.column ?? ''}:${t.name}`;
}
