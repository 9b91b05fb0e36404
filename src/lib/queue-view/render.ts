// The queue panel as an HTML string, from the reducer's state. One renderer for both sides: QueueView.astro
// renders a recording's final state at build time (no JavaScript needed), and the browser re-renders with it
// during a live run or a replay, so the two can only differ by the events they were given.
import {
  countedStates,
  jobsInOrder,
  type Attempt,
  type CountedState,
  type JobView,
  type QueueViewState,
  type SchedulerView,
} from './reducer.ts';
import type { Translate } from '../i18n/translate.ts';

const plainWords = [
  'counts',
  'timeline',
  'legend-attempt',
  'legend-wait',
  'empty',
  'empty-starting',
  'empty-none',
  'table',
  'job',
  'queue',
  'state',
  'attempts',
  'worker',
  'result',
  'data',
  'returnvalue',
  'failed-reason',
  'logs',
  'parent',
  'children',
  'scheduler',
  'schedulers',
  'removed-scheduler',
] as const;

/**
 * The panel's words, from the site's dictionary (`queueView.*` keys): Astro.locals.t at build time, the slice in
 * the panel's data-translations in the page.
 */
function words(t: Translate) {
  return {
    ...(Object.fromEntries(plainWords.map((key) => [key, t(`queueView.${key}`)])) as Record<
      (typeof plainWords)[number],
      string
    >),
    states: Object.fromEntries(
      [...countedStates, 'unknown' as const].map((s) => [s, t(`queueView.state-${s}`)]),
    ) as Record<JobView['state'] | CountedState, string>,
    every: (ms: number) => t('queueView.every', { ms }),
    ticks: (n: number) => t(n === 1 ? 'queueView.ticks-one' : 'queueView.ticks-other', { n }),
    attempt: (a: Attempt) =>
      t('queueView.attempt', { n: a.n, outcome: t(`queueView.outcome-${a.outcome}`) }) +
      (a.workerId ? t('queueView.attempt-worker', { worker: a.workerId }) : '') +
      (a.failedReason ? t('queueView.attempt-reason', { reason: a.failedReason }) : '') +
      (a.retryDelay !== undefined ? t('queueView.attempt-retry', { ms: a.retryDelay }) : ''),
    attemptsOf: (made: number, max?: number) =>
      max && max > 1 ? t('queueView.attempts-of', { made, max }) : `${made}`,
    summary: (job: JobView, state: string) =>
      t('queueView.summary', { job: `${job.id}${job.name ? ` ${job.name}` : ''}`, queue: job.queue, state }) +
      (job.attempts.length > 1 ? t('queueView.summary-attempts', { n: job.attempts.length }) : ''),
    elapsed: (ms: number) => t('queueView.elapsed', { seconds: (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) }),
    more: (shown: number, total: number) => t('queueView.more', { shown, total }),
  };
}

export interface RenderOptions {
  /** Keys of jobs whose details are open (kept across re-renders). */
  open?: ReadonlySet<string>;
  /** The timeline's right edge (ms since the epoch); the last event's time by default. */
  now?: number;
  /** Rows drawn at most (the latest jobs); counts always include every job. */
  maxRows?: number;
  /**
   * What an empty panel says: `idle` invites a run, `starting` says the run is on its way (the process is still
   * starting, no job yet), `none` says a finished run added no jobs.
   */
  empty?: 'idle' | 'starting' | 'none';
}

/** A learner's loop can add thousands of jobs: the page draws the latest ones and says so. */
export const DEFAULT_MAX_ROWS = 100;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Renders the panel's body: counts, schedulers, one row per job (with its details), the table. */
export function renderQueueView(state: QueueViewState, translate: Translate, options: RenderOptions = {}): string {
  const t = words(translate);
  const allJobs = jobsInOrder(state);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const jobs = allJobs.length > maxRows ? allJobs.slice(-maxRows) : allJobs;
  const start = state.startedAt ?? 0;
  const end = Math.max(options.now ?? state.lastTs ?? start, start + 1);
  const x = (ts: number) => `${(((ts - start) / (end - start)) * 100).toFixed(2)}%`;
  const width = (from: number, to: number) => `${Math.max(((to - from) / (end - start)) * 100, 0.6).toFixed(2)}%`;

  const counts = countedStates
    .map(
      (s: CountedState) =>
        `<li class="qv-count" data-state="${s}"><span class="qv-n">${state.counts[s]}</span> <span class="qv-state-name">${t.states[s]}</span></li>`,
    )
    .join('');

  const schedulers = Object.values(state.schedulers);
  const schedulerList = schedulers.length
    ? `<section class="qv-schedulers"><h3>${t.schedulers}</h3><ul>${schedulers.map((s) => schedulerRow(s)).join('')}</ul></section>`
    : '';

  function schedulerRow(s: SchedulerView): string {
    const how = s.every !== undefined ? t.every(s.every) : s.pattern ? escapeHtml(s.pattern) : '';
    const ticks = s.ticks
      .map((tick) => `<span class="qv-tick" style="left:${x(tick.ts)}" title="${escapeHtml(tick.jobId)}"></span>`)
      .join('');
    return (
      `<li class="qv-scheduler" data-scheduler="${escapeHtml(s.id)}"><span class="qv-label"><strong>${escapeHtml(s.id)}</strong> ` +
      `${how} · <span data-ticks="${s.ticks.length}">${t.ticks(s.ticks.length)}</span>${s.removed ? ` · ${t['removed-scheduler']}` : ''}</span>` +
      `<span class="qv-track" aria-hidden="true">${ticks}</span></li>`
    );
  }

  function segments(job: JobView): string {
    const parts: string[] = [];
    const firstStart = job.attempts[0]?.startedAt;
    // Time spent waiting (or delayed) before the first attempt.
    if (firstStart !== undefined && firstStart > job.firstSeen) {
      const kind = job.marks.some((m) => m.kind === 'delayed' && m.ts <= firstStart) ? 'delayed' : 'waiting';
      parts.push(seg(kind, job.firstSeen, firstStart));
    } else if (firstStart === undefined && job.state !== 'unknown') {
      parts.push(seg(job.state === 'delayed' ? 'delayed' : 'waiting', job.firstSeen, job.lastSeen));
    }
    job.attempts.forEach((a, i) => {
      const from = a.startedAt ?? job.firstSeen;
      const to = a.endedAt ?? (a.outcome === 'running' ? end : from);
      parts.push(seg(a.outcome === 'running' ? 'active' : a.outcome, from, to, `${a.n}`));
      const next = job.attempts[i + 1];
      // The gap before the next attempt: the retry's backoff.
      if (a.endedAt !== undefined && next?.startedAt !== undefined && next.startedAt > a.endedAt) {
        parts.push(seg('backoff', a.endedAt, next.startedAt));
      } else if (!next && a.outcome === 'failed' && job.state === 'delayed') {
        parts.push(seg('backoff', a.endedAt ?? from, job.lastSeen));
      }
    });
    for (const mark of job.marks) {
      if (mark.kind === 'progress') parts.push(`<span class="qv-mark" style="left:${x(mark.ts)}"></span>`);
    }
    return parts.join('');
  }

  function seg(kind: string, from: number, to: number, label = ''): string {
    return `<span class="qv-seg" data-kind="${kind}" style="left:${x(from)};width:${width(from, to)}">${label}</span>`;
  }

  function ref(queue: string, id: string): string {
    return `<code>${escapeHtml(queue)}/${escapeHtml(id)}</code>`;
  }

  function details(job: JobView): string {
    const rows: string[] = [];
    const add = (label: string, html: string) => rows.push(`<dt>${label}</dt><dd>${html}</dd>`);
    add(t.job, ref(job.queue, job.id));
    if (job.data !== undefined) add(t.data, `<pre>${escapeHtml(show(job.data))}</pre>`);
    if (job.returnvalue !== undefined) add(t.returnvalue, `<pre>${escapeHtml(show(job.returnvalue))}</pre>`);
    // Earlier attempts' failures are listed under Attempts; this is the reason the job ended failed.
    if (job.failedReason !== undefined && job.state === 'failed') add(t['failed-reason'], escapeHtml(job.failedReason));
    if (job.attempts.length) {
      add(t.attempts, `<ol>${job.attempts.map((a) => `<li>${escapeHtml(t.attempt(a))}</li>`).join('')}</ol>`);
    }
    if (job.parent) add(t.parent, ref(job.parent.queue, job.parent.id));
    if (job.children.length) add(t.children, job.children.map((c) => ref(c.queue, c.id)).join(', '));
    if (job.schedulerId) add(t.scheduler, `<code>${escapeHtml(job.schedulerId)}</code>`);
    if (job.logs.length) add(t.logs, `<pre>${escapeHtml(job.logs.join('\n'))}</pre>`);
    return `<dl class="qv-details">${rows.join('')}</dl>`;
  }

  // Scheduler-made ids are long ("repeat:<scheduler>:<time>"): label them by scheduler and tick number.
  const tickNumber = new Map<string, number>();
  for (const scheduler of schedulers) {
    scheduler.ticks.forEach((tick, i) => tickNumber.set(`${scheduler.queue}/${tick.jobId}`, i + 1));
  }
  const label = (job: JobView) => {
    const tick = tickNumber.get(job.key);
    if (job.schedulerId && tick !== undefined) {
      return `${escapeHtml(job.name ?? job.schedulerId)} <span class="qv-id">#${tick}</span>`;
    }
    return `<span class="qv-id">${escapeHtml(job.id)}</span> ${escapeHtml(job.name ?? '')}`;
  };

  const rows = jobs
    .map((job) => {
      const stateName = t.states[job.state];
      const open = options.open?.has(job.key) ? ' open' : '';
      const indent = job.parent ? ' data-child="true"' : '';
      return (
        `<li><details class="qv-job" data-key="${escapeHtml(job.key)}" data-state="${job.state}"${indent}${open}>` +
        `<summary><span class="qv-label">${label(job)}` +
        `<span class="qv-sr"> — ${escapeHtml(t.summary(job, stateName))}</span></span>` +
        `<span class="qv-badge" data-state="${job.state}">${stateName}</span>` +
        `<span class="qv-track" aria-hidden="true">${segments(job)}</span></summary>` +
        `${details(job)}</details></li>`
      );
    })
    .join('');

  const table = jobs.length
    ? `<details class="qv-table-toggle"><summary>${t.table}</summary><table class="qv-table"><thead><tr>` +
      `<th scope="col">${t.job}</th><th scope="col">${t.queue}</th><th scope="col">${t.state}</th>` +
      `<th scope="col">${t.attempts}</th><th scope="col">${t.worker}</th><th scope="col">${t.result}</th></tr></thead><tbody>` +
      jobs
        .map((job) => {
          const workers = [...new Set(job.attempts.map((a) => a.workerId).filter(Boolean))].join(', ');
          const result =
            job.state === 'failed' || (job.failedReason && job.state !== 'completed')
              ? (job.failedReason ?? '')
              : show(job.returnvalue);
          return (
            `<tr data-key="${escapeHtml(job.key)}"><th scope="row">${escapeHtml(job.id)} ${escapeHtml(job.name ?? '')}</th>` +
            `<td>${escapeHtml(job.queue)}</td><td>${t.states[job.state]}</td>` +
            `<td>${t.attemptsOf(job.attempts.length, job.maxAttempts)}</td><td>${escapeHtml(workers)}</td>` +
            `<td>${escapeHtml(result)}</td></tr>`
          );
        })
        .join('') +
      `</tbody></table></details>`
    : '';

  const axis = jobs.length
    ? `<p class="qv-axis" aria-hidden="true"><span>0</span><span class="qv-legend">` +
      `<span class="qv-key" data-kind="completed"></span>${t['legend-attempt']} ` +
      `<span class="qv-key" data-kind="backoff"></span>${t['legend-wait']}</span><span>${t.elapsed(end - start)}</span></p>`
    : '';

  return (
    `<ul class="qv-counts" aria-label="${t.counts}">${counts}</ul>` +
    schedulerList +
    (jobs.length
      ? `<h3 class="qv-sr">${t.timeline}</h3>` +
        (jobs.length < allJobs.length ? `<p class="qv-more">${t.more(jobs.length, allJobs.length)}</p>` : '') +
        `<ol class="qv-jobs">${rows}</ol>${axis}${table}`
      : `<p class="qv-empty" data-empty="${options.empty ?? 'idle'}">${
          options.empty === 'starting' ? t['empty-starting'] : options.empty === 'none' ? t['empty-none'] : t.empty
        }</p>`)
  );
}

/** A one-line summary for the live region, said once a run or replay ends. */
export function describeQueueView(state: QueueViewState, translate: Translate): string {
  const t = words(translate);
  const parts = countedStates.filter((s) => state.counts[s] > 0).map((s) => `${state.counts[s]} ${t.states[s]}`);
  return parts.join(translate('queueView.list-separator'));
}
