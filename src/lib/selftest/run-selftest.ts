// Runs the self-test's steps one after another through a Runner, the interface the playground uses, and times
// what a reader waits for: the runtime's boot (and, in a WebContainer, the snapshot's download and mount, read
// from the boot progress), each run's first output, each run's whole time.
import {
  RunnerUnavailableError,
  type BootProgress,
  type RunEvent,
  type RunExit,
  type Runner,
} from '../runtime/runner.ts';
import { notice, type RuntimeCode, type RuntimeNotice } from '../runtime/runtime-notices.ts';
import { plainOutput, type SelfTestStep, type SelfTestStepId, type StepVerdict } from './steps.ts';

/** A Stop step waits this long after the first output, so the loop is spinning when Stop comes. */
const STOP_AFTER_MS = 300;

export interface BootResult {
  ok: boolean;
  ms: number;
  /** When each kind of boot progress was first seen, in ms from the start. */
  progress: { code: RuntimeCode; atMs: number }[];
  /** Why the runtime could not start. */
  notice?: RuntimeNotice;
}

export interface StepResult extends StepVerdict {
  id: SelfTestStepId;
  exit: RunExit;
  /** From run() to the first output event. */
  firstOutputMs?: number;
  /** From run() to the exit. */
  ms: number;
  /** A Stop step: from Stop to the exit. */
  stopMs?: number;
}

export interface SelfTestListener {
  boot?(result: BootResult): void;
  stepStart?(id: SelfTestStepId, index: number): void;
  stepEnd?(result: StepResult, index: number): void;
}

export interface SelfTestResult {
  boot: BootResult;
  steps: StepResult[];
  ms: number;
}

export async function runSelfTest(
  runner: Runner,
  steps: SelfTestStep[],
  listener: SelfTestListener = {},
  now: () => number = () => performance.now(),
): Promise<SelfTestResult> {
  const startedAt = now();
  const progress: BootResult['progress'] = [];
  const onProgress = ({ notice: { code } }: BootProgress) => {
    if (!progress.some((seen) => seen.code === code)) progress.push({ code, atMs: Math.round(now() - startedAt) });
  };
  let boot: BootResult;
  try {
    await runner.boot({ onProgress });
    boot = { ok: true, ms: Math.round(now() - startedAt), progress };
  } catch (error) {
    const why = error instanceof RunnerUnavailableError ? error.notice : notice('unexpected', { error: String(error) });
    boot = { ok: false, ms: Math.round(now() - startedAt), progress, notice: why };
  }
  listener.boot?.(boot);
  const results: StepResult[] = [];
  if (boot.ok) {
    for (const [index, step] of steps.entries()) {
      listener.stepStart?.(step.id, index);
      const result = await runStep(runner, step, now);
      results.push(result);
      listener.stepEnd?.(result, index);
    }
  }
  return { boot, steps: results, ms: Math.round(now() - startedAt) };
}

async function runStep(runner: Runner, step: SelfTestStep, now: () => number): Promise<StepResult> {
  const events: RunEvent[] = [];
  const stop = new AbortController();
  const startedAt = now();
  let firstOutputMs: number | undefined;
  let stoppedAt: number | undefined;
  const onEvent = (event: RunEvent) => {
    events.push(event);
    if (event.type !== 'output' || firstOutputMs !== undefined) return;
    firstOutputMs = Math.round(now() - startedAt);
    if (step.stopAfterOutput) {
      setTimeout(() => {
        stoppedAt = now();
        stop.abort();
      }, STOP_AFTER_MS);
    }
  };
  const exit = await runner.run(step.request, onEvent, stop.signal);
  const endedAt = now();
  const verdict = step.verdict({ output: plainOutput(events), events, exit });
  return {
    id: step.id,
    ...verdict,
    exit,
    firstOutputMs,
    ms: Math.round(endedAt - startedAt),
    ...(stoppedAt !== undefined ? { stopMs: Math.round(endedAt - stoppedAt) } : {}),
  };
}
