// <async-selftest>: the self-test page's island. Finds its parts once, and on Run picks the runtime the playground
// would pick (chooseRunner: WebContainers, or the local runner under `npm start` / ?runner=local), runs the
// fixed list (run-selftest.ts) and fills in the table, the timings and the report as results come.
import { createTranslator, readTranslations, type Translate } from '../i18n/translate.ts';
import type { RunnerKind } from '../runtime/runner.ts';
import { describeNotice } from '../runtime/runtime-notices.ts';
import { formatReport, snapshotTimings, stepDetails } from './report.ts';
import { runSelfTest, type BootResult, type SelfTestResult, type StepResult } from './run-selftest.ts';
import { selfTestSteps, type SelfTestSources, type SelfTestStepId } from './steps.ts';

type RowResult = 'pending' | 'running' | 'pass' | 'fail' | 'skipped';

class AsyncSelfTest extends HTMLElement {
  readonly #t: Translate;
  readonly #sources: SelfTestSources;
  readonly #start: HTMLButtonElement;
  readonly #copy: HTMLButtonElement;
  readonly #summary: HTMLElement;
  readonly #report: HTMLElement;
  #reportText = '';

  constructor() {
    super();
    this.#t = createTranslator(readTranslations(this));
    this.#sources = JSON.parse(this.querySelector('[data-sources]')!.textContent!) as SelfTestSources;
    this.#start = this.querySelector('[data-action="start"]')!;
    this.#copy = this.querySelector('[data-action="copy"]')!;
    this.#summary = this.querySelector('[data-summary]')!;
    this.#report = this.querySelector('[data-report]')!;
    this.#start.addEventListener('click', () => void this.#run());
    this.#copy.addEventListener('click', () => void this.#copyReport());
  }

  async #run(): Promise<void> {
    const t = this.#t;
    const steps = selfTestSteps(this.#sources);
    this.dataset.state = 'running';
    delete this.dataset.passed;
    this.#start.disabled = true;
    this.#copy.disabled = true;
    for (const step of steps) this.#row(step.id, 'pending', t('selftest.pending'));
    this.#environment('boot', '—');
    this.#summary.textContent = t('selftest.booting');

    const { chooseRunner } = await import('../runtime/choose-runner.ts');
    const runner = chooseRunner();
    this.#environment('runner', t(`selftest.runner-${runner.kind}`));
    this.#environment('isolated', t(globalThis.crossOriginIsolated ? 'selftest.yes' : 'selftest.no'));

    const result = await runSelfTest(runner, steps, {
      boot: (boot) => this.#showBoot(boot),
      stepStart: (id, index) => {
        this.#row(id, 'running', t('selftest.running'));
        this.#summary.textContent = t('selftest.progress', {
          step: index + 1,
          total: steps.length,
          name: t(`selftest.step.${id}`),
        });
      },
      stepEnd: (stepResult) => this.#showStep(stepResult),
    });

    if (!result.boot.ok) for (const step of steps) this.#row(step.id, 'skipped', t('selftest.skipped'));
    this.#finish(result, runner.kind, steps.length);
  }

  #showBoot(boot: BootResult): void {
    const { downloadMs, mountMs } = snapshotTimings(boot);
    this.#environment('boot', `${boot.ms} ms`);
    this.#environment('download', downloadMs === undefined ? '—' : `${downloadMs} ms`);
    this.#environment('mount', mountMs === undefined ? '—' : `${mountMs} ms`);
  }

  #showStep(step: StepResult): void {
    const t = this.#t;
    const row = this.#row(step.id, step.passed ? 'pass' : 'fail', t(step.passed ? 'selftest.pass' : 'selftest.fail'));
    const first = step.firstOutputMs === undefined ? '—' : `${step.firstOutputMs} ms`;
    row.querySelector('[data-cell="first-output"]')!.textContent = first;
    const stop = step.stopMs === undefined ? '' : ` (${t('selftest.stop-time')} ${step.stopMs} ms)`;
    row.querySelector('[data-cell="time"]')!.textContent = `${step.ms} ms${stop}`;
    row.querySelector('[data-cell="details"]')!.textContent = stepDetails(step, t);
    if (step.id === 'node-version' && step.passed) {
      this.#environment('node', /node (v\S+)/.exec(step.evidence ?? '')?.[1] ?? '—');
    }
  }

  #finish(result: SelfTestResult, runner: RunnerKind, total: number): void {
    const t = this.#t;
    const passed = result.steps.filter((step) => step.passed).length;
    this.#summary.textContent = result.boot.ok
      ? t('selftest.summary-done', { passed, total, seconds: (result.ms / 1000).toFixed(1) })
      : `${t('selftest.unavailable')}: ${describeNotice(result.boot.notice!, t)}`;
    this.#reportText = formatReport(
      result,
      {
        url: location.href,
        userAgent: navigator.userAgent,
        runner,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
        date: new Date(),
      },
      t,
      total,
    );
    this.#report.textContent = this.#reportText;
    this.dataset.passed = String(result.boot.ok && passed === total);
    this.dataset.state = 'done';
    this.#start.textContent = t('selftest.run-again');
    this.#start.disabled = false;
    this.#copy.disabled = false;
  }

  async #copyReport(): Promise<void> {
    const t = this.#t;
    try {
      await navigator.clipboard.writeText(this.#reportText);
      this.#copy.textContent = t('selftest.copied');
    } catch {
      // No clipboard here (permissions, an old browser): show the report selected, for Ctrl+C.
      const details = this.#report.closest('details');
      if (details) details.open = true;
      getSelection()?.selectAllChildren(this.#report);
      this.#copy.textContent = t('selftest.copy-failed');
    }
    setTimeout(() => (this.#copy.textContent = t('selftest.copy')), 4000);
  }

  #row(id: SelfTestStepId, result: RowResult, label: string): HTMLElement {
    const row = this.querySelector<HTMLElement>(`tr[data-step="${id}"]`)!;
    row.dataset.result = result;
    row.querySelector('[data-cell="result"]')!.textContent = label;
    if (result === 'pending' || result === 'skipped') {
      for (const cell of ['first-output', 'time']) row.querySelector(`[data-cell="${cell}"]`)!.textContent = '—';
      row.querySelector('[data-cell="details"]')!.textContent = '';
    }
    return row;
  }

  #environment(name: string, value: string): void {
    this.querySelector(`[data-environment="${name}"]`)!.textContent = value;
  }
}

customElements.define('async-selftest', AsyncSelfTest);
