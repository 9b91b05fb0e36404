// The self-test's result as plain text, for the "Copy report" button: what a person pastes into an issue about
// a deployment and a browser. Worded by the page's translator; numbers and program output stay as they are.
import type { Translate } from '../i18n/translate.ts';
import type { RunnerKind } from '../runtime/runner.ts';
import { describeNotice } from '../runtime/runtime-notices.ts';
import type { BootResult, SelfTestResult, StepResult } from './run-selftest.ts';
import type { StepProblem } from './steps.ts';

export interface ReportContext {
  url: string;
  userAgent: string;
  runner: RunnerKind;
  crossOriginIsolated: boolean;
  date: Date;
}

/** Download and mount of the snapshot, from the WebContainer runner's boot progress (absent for the local runner). */
export function snapshotTimings(boot: BootResult): { downloadMs?: number; mountMs?: number } {
  const at = (codes: string[]) => boot.progress.find((seen) => codes.includes(seen.code))?.atMs;
  const download = at(['download-progress', 'download-progress-of']);
  const unpacking = at(['unpacking']);
  const ready = at(['ready']) ?? (boot.ok ? boot.ms : undefined);
  return {
    ...(download !== undefined && unpacking !== undefined ? { downloadMs: unpacking - download } : {}),
    ...(unpacking !== undefined && ready !== undefined ? { mountMs: ready - unpacking } : {}),
  };
}

export function describeProblem(problem: StepProblem, t: Translate): string {
  return t(`selftest.problem.${problem.code}`, 'params' in problem ? problem.params : {});
}

/**
 * What a step showed, and why it failed: the evidence, the verdict's problem, and the runner's own notice when
 * the run did not simply exit (a Node too old for the example, the timeout, a container that failed).
 */
export function stepDetails(step: StepResult, t: Translate): string {
  const runNotice = step.exit.notice && describeNotice(step.exit.notice, t);
  return [step.evidence, step.problem && describeProblem(step.problem, t), runNotice].filter(Boolean).join(' — ');
}

export function formatReport(result: SelfTestResult, context: ReportContext, t: Translate, total: number): string {
  const { boot, steps } = result;
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${value} ms`);
  const { downloadMs, mountMs } = snapshotTimings(boot);
  const passed = steps.filter((step) => step.passed).length;
  const lines = [
    `${t('selftest.report-title')} · ${context.date.toISOString()}`,
    context.url,
    `${t('selftest.env-browser')}: ${context.userAgent}`,
    `${t('selftest.env-runner')}: ${t(`selftest.runner-${context.runner}`)}`,
    `${t('selftest.env-isolated')}: ${t(context.crossOriginIsolated ? 'selftest.yes' : 'selftest.no')}`,
    `${t('selftest.env-boot')}: ${ms(boot.ms)} (${boot.progress.map((seen) => `${seen.code} ${seen.atMs}`).join(', ') || '—'})`,
    `${t('selftest.env-download')}: ${ms(downloadMs)} · ${t('selftest.env-mount')}: ${ms(mountMs)}`,
  ];
  if (boot.notice) lines.push(`${t('selftest.unavailable')}: ${describeNotice(boot.notice, t)}`);
  lines.push('');
  steps.forEach((step, index) => lines.push(stepLine(step, index, t)));
  lines.push('', t('selftest.summary-done', { passed, total, seconds: (result.ms / 1000).toFixed(1) }));
  return lines.join('\n');
}

function stepLine(step: StepResult, index: number, t: Translate): string {
  const verdict = t(step.passed ? 'selftest.pass' : 'selftest.fail').toUpperCase();
  const timing = [
    `${t('selftest.col-first-output')} ${step.firstOutputMs === undefined ? '—' : `${step.firstOutputMs} ms`}`,
    `${t('selftest.col-time')} ${step.ms} ms`,
    ...(step.stopMs !== undefined ? [`${t('selftest.stop-time')} ${step.stopMs} ms`] : []),
  ].join(', ');
  const detail = stepDetails(step, t);
  return `${index + 1}. ${verdict} ${step.id} · ${t(`selftest.step.${step.id}`)} · ${timing}${detail ? ` · ${detail}` : ''}`;
}
