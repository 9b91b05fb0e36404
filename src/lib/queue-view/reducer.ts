// Turns the examples' queue trace events (examples/course-tools/src/trace-event.ts) into what the queue panel
// shows: counts per state, one row per job with its attempts, backoff gaps and links, and the schedulers.
// Pure and order-tolerant: worker events arrive before Redis's own stream says the same thing, and anything
// unknown or malformed is counted and ignored, never thrown.

import { TRACE_VERSION, type TraceEvent } from '../../../examples/course-tools/src/trace-event.ts';

export const countedStates = [
  'waiting',
  'prioritized',
  'delayed',
  'active',
  'waiting-children',
  'completed',
  'failed',
] as const;

export type CountedState = (typeof countedStates)[number];
/** `unknown`: only heard of as a flow parent; `removed`: gone from Redis. Neither is counted. */
export type JobState = CountedState | 'removed' | 'unknown';

export interface JobRef {
  queue: string;
  id: string;
}

export type AttemptOutcome = 'running' | 'completed' | 'failed';

export interface Attempt {
  /** 1-based. */
  n: number;
  workerId?: string;
  startedAt?: number;
  endedAt?: number;
  outcome: AttemptOutcome;
  failedReason?: string;
  /** Backoff BullMQ waits before the next attempt, when this one failed and will be retried. */
  retryDelay?: number;
}

export type MarkKind =
  | 'added'
  | 'waiting'
  | 'prioritized'
  | 'delayed'
  | 'active'
  | 'progress'
  | 'completed'
  | 'failed'
  | 'retries-exhausted'
  | 'waiting-children'
  | 'removed'
  | 'stalled';

/** One moment in a job's life, as Redis reported it. */
export interface Mark {
  ts: number;
  kind: MarkKind;
  attempt?: number;
  /** For delayed: when the job becomes due. */
  dueAt?: number;
  progress?: unknown;
}

export interface JobView {
  /** `queue/id` (ids are only unique within a queue). */
  key: string;
  queue: string;
  id: string;
  name?: string;
  state: JobState;
  data?: unknown;
  returnvalue?: unknown;
  failedReason?: string;
  progress?: unknown;
  /** Configured attempts (1 when the job has no `attempts` option). */
  maxAttempts?: number;
  priority?: number;
  attempts: Attempt[];
  dueAt?: number;
  parent?: JobRef;
  children: JobRef[];
  schedulerId?: string;
  logs: string[];
  marks: Mark[];
  firstSeen: number;
  lastSeen: number;
}

export interface SchedulerView {
  key: string;
  queue: string;
  id: string;
  name?: string;
  every?: number;
  pattern?: string;
  /** Jobs the scheduler created, in order. */
  ticks: { jobId: string; ts: number }[];
  removed: boolean;
}

/**
 * Jobs by key, in buckets: an event copies one bucket and the bucket list, not every job, so a run with thousands
 * of jobs stays linear (a flat record copied per event made 5 000 jobs take over a minute to reduce).
 */
export interface JobTable {
  readonly buckets: readonly Readonly<Record<string, JobView>>[];
}

const BUCKETS = 256;

function bucketOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKETS;
}

function emptyJobTable(): JobTable {
  return { buckets: Array.from({ length: BUCKETS }, () => ({})) };
}

export interface QueueViewState {
  jobs: JobTable;
  /** Job keys in the order the jobs were first seen. */
  order: readonly string[];
  counts: Readonly<Record<CountedState, number>>;
  schedulers: Readonly<Record<string, SchedulerView>>;
  queues: readonly string[];
  workers: readonly string[];
  /** Time of the first event: the timeline's zero. */
  startedAt?: number;
  lastTs?: number;
  /** Events that changed (or could have changed) the state. */
  applied: number;
  /** Events not understood (another version, malformed, unknown type). */
  ignored: number;
}

export function initialQueueViewState(): QueueViewState {
  return {
    jobs: emptyJobTable(),
    order: [],
    counts: Object.fromEntries(countedStates.map((state) => [state, 0])) as Record<CountedState, number>,
    schedulers: {},
    queues: [],
    workers: [],
    applied: 0,
    ignored: 0,
  };
}

/** The trace fields the reducer reads, after validation (a source it does not know is still read). */
type Event = Omit<TraceEvent, 'v' | 'seq' | 'source'> & { source: string };

function parseEvent(raw: unknown): Event | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const e = raw as Record<string, unknown>;
  if (e.v !== TRACE_VERSION) return undefined;
  if (typeof e.ts !== 'number' || !Number.isFinite(e.ts)) return undefined;
  if (typeof e.source !== 'string' || typeof e.type !== 'string' || typeof e.queue !== 'string') return undefined;
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const parent =
    e.parent && typeof e.parent === 'object' && str((e.parent as JobRef).queue) && str((e.parent as JobRef).id)
      ? { queue: (e.parent as JobRef).queue, id: (e.parent as JobRef).id }
      : undefined;
  const repeat = e.repeat && typeof e.repeat === 'object' ? (e.repeat as Record<string, unknown>) : undefined;
  return {
    ts: e.ts,
    source: e.source,
    type: e.type,
    queue: e.queue,
    jobId: str(e.jobId),
    name: str(e.name),
    prev: str(e.prev),
    workerId: str(e.workerId),
    attempt: num(e.attempt),
    attempts: num(e.attempts),
    delay: num(e.delay),
    dueAt: num(e.dueAt),
    priority: num(e.priority),
    progress: e.progress,
    failedReason: str(e.failedReason),
    returnvalue: e.returnvalue,
    data: e.data,
    parent,
    schedulerId: str(e.schedulerId),
    repeat: repeat ? { every: num(repeat.every), pattern: str(repeat.pattern) } : undefined,
    log: str(e.log),
    willRetry: typeof e.willRetry === 'boolean' ? e.willRetry : undefined,
  };
}

/** A copy-on-write view of the state for one event: only what the event touches is copied. */
class Draft {
  private readonly base: QueueViewState;
  private buckets: Readonly<Record<string, JobView>>[] | undefined;
  private readonly copiedBuckets = new Set<number>();
  private order: string[] | undefined;
  private counts: Record<CountedState, number> | undefined;
  private schedulers: Record<string, SchedulerView> | undefined;
  private queues: string[] | undefined;
  private workers: string[] | undefined;
  private readonly touched = new Set<string>();
  readonly ts: number;

  constructor(base: QueueViewState, ts: number) {
    this.base = base;
    this.ts = ts;
  }

  job(queue: string, id: string): JobView {
    const key = `${queue}/${id}`;
    const b = bucketOf(key);
    this.buckets ??= [...this.base.jobs.buckets];
    if (!this.copiedBuckets.has(b)) {
      this.buckets[b] = { ...this.buckets[b] };
      this.copiedBuckets.add(b);
    }
    const bucket = this.buckets[b] as Record<string, JobView>;
    const existing = bucket[key];
    if (existing && this.touched.has(key)) return existing;
    const job: JobView = existing
      ? { ...existing, attempts: [...existing.attempts], children: [...existing.children], logs: [...existing.logs] }
      : {
          key,
          queue,
          id,
          state: 'unknown',
          attempts: [],
          children: [],
          logs: [],
          marks: [],
          firstSeen: this.ts,
          lastSeen: this.ts,
        };
    job.marks = [...job.marks];
    job.lastSeen = Math.max(job.lastSeen, this.ts);
    if (!existing) {
      this.order ??= [...this.base.order];
      this.order.push(key);
    }
    bucket[key] = job;
    this.touched.add(key);
    return job;
  }

  setState(job: JobView, state: JobState): void {
    if (job.state === state) return;
    this.counts ??= { ...this.base.counts };
    if (isCounted(job.state)) this.counts[job.state] -= 1;
    if (isCounted(state)) this.counts[state] += 1;
    job.state = state;
  }

  scheduler(queue: string, id: string): SchedulerView {
    const key = `${queue}/${id}`;
    this.schedulers ??= { ...this.base.schedulers };
    const existing = this.schedulers[key];
    const scheduler: SchedulerView = existing
      ? { ...existing, ticks: [...existing.ticks] }
      : { key, queue, id, ticks: [], removed: false };
    this.schedulers[key] = scheduler;
    return scheduler;
  }

  seeQueue(queue: string): void {
    if (this.base.queues.includes(queue) || this.queues?.includes(queue)) return;
    this.queues ??= [...this.base.queues];
    this.queues.push(queue);
  }

  seeWorker(workerId: string | undefined): void {
    if (!workerId || this.base.workers.includes(workerId) || this.workers?.includes(workerId)) return;
    this.workers ??= [...this.base.workers];
    this.workers.push(workerId);
  }

  finish(): QueueViewState {
    const base = this.base;
    return {
      jobs: this.buckets ? { buckets: this.buckets } : base.jobs,
      order: this.order ?? base.order,
      counts: this.counts ?? base.counts,
      schedulers: this.schedulers ?? base.schedulers,
      queues: this.queues ?? base.queues,
      workers: this.workers ?? base.workers,
      startedAt: base.startedAt ?? this.ts,
      lastTs: Math.max(base.lastTs ?? this.ts, this.ts),
      applied: base.applied + 1,
      ignored: base.ignored,
    };
  }
}

function isCounted(state: JobState): state is CountedState {
  return (countedStates as readonly string[]).includes(state);
}

function attempt(job: JobView, n: number): Attempt {
  const index = job.attempts.findIndex((a) => a.n === n);
  if (index !== -1) {
    const copy = { ...job.attempts[index]! };
    job.attempts[index] = copy;
    return copy;
  }
  const created: Attempt = { n, outcome: 'running' };
  job.attempts.push(created);
  job.attempts.sort((a, b) => a.n - b.n);
  return created;
}

/** The attempt Redis's stream is talking about: the last one it saw start. */
function currentAttemptNumber(job: JobView): number {
  return job.marks.filter((mark) => mark.kind === 'active').length || 1;
}

function endAttempt(job: JobView, n: number, ts: number, outcome: 'completed' | 'failed', reason?: string): void {
  const a = attempt(job, n);
  a.outcome = outcome;
  a.endedAt = a.endedAt === undefined ? ts : Math.min(a.endedAt, ts);
  if (reason !== undefined) a.failedReason = reason;
}

function applyStreamEvent(draft: Draft, e: Event): boolean {
  if (!e.jobId) {
    // drained, paused, resumed, cleaned: about the whole queue, nothing to show per job.
    return ['drained', 'paused', 'resumed', 'cleaned'].includes(e.type);
  }
  const job = draft.job(e.queue, e.jobId);
  const mark = (kind: MarkKind, extra: Partial<Mark> = {}) => job.marks.push({ ts: e.ts, kind, ...extra });
  switch (e.type) {
    case 'added':
      // A finished job's id used again (a custom jobId after the old job was removed): the row shows the new job.
      if (job.state === 'completed' || job.state === 'failed' || job.state === 'removed') {
        Object.assign(job, { attempts: [], marks: [], logs: [], firstSeen: e.ts, dueAt: undefined });
        for (const field of ['returnvalue', 'failedReason', 'progress', 'data'] as const) delete job[field];
        draft.setState(job, 'unknown');
      }
      job.name = e.name ?? job.name;
      if (e.data !== undefined) job.data = e.data;
      job.maxAttempts = e.attempts ?? job.maxAttempts ?? 1;
      if (e.priority) job.priority = e.priority;
      if (e.parent) {
        job.parent = e.parent;
        const parent = draft.job(e.parent.queue, e.parent.id);
        if (!parent.children.some((c) => c.queue === e.queue && c.id === e.jobId)) {
          parent.children.push({ queue: e.queue, id: e.jobId });
        }
      }
      if (e.schedulerId) {
        job.schedulerId = e.schedulerId;
        const scheduler = draft.scheduler(e.queue, e.schedulerId);
        if (!scheduler.ticks.some((t) => t.jobId === e.jobId)) scheduler.ticks.push({ jobId: e.jobId, ts: e.ts });
      }
      if (job.state === 'unknown') draft.setState(job, e.delay ? 'delayed' : job.priority ? 'prioritized' : 'waiting');
      mark('added');
      return true;
    case 'waiting': {
      const state = job.priority ? 'prioritized' : 'waiting';
      // Back to waiting straight from active: a retry without backoff; the attempt failed.
      if (e.prev === 'active') endAttempt(job, currentAttemptNumber(job), e.ts, 'failed');
      draft.setState(job, state);
      mark(state);
      return true;
    }
    case 'prioritized':
      draft.setState(job, 'prioritized');
      mark('prioritized');
      return true;
    case 'delayed': {
      // From active, a delay is a retry's backoff: the attempt that was running failed.
      if (job.state === 'active' || e.prev === 'active') endAttempt(job, currentAttemptNumber(job), e.ts, 'failed');
      job.dueAt = e.dueAt;
      draft.setState(job, 'delayed');
      mark('delayed', e.dueAt !== undefined ? { dueAt: e.dueAt } : {});
      return true;
    }
    case 'active': {
      mark('active');
      const a = attempt(job, currentAttemptNumber(job));
      a.startedAt = a.startedAt === undefined ? e.ts : Math.min(a.startedAt, e.ts);
      job.dueAt = undefined;
      draft.setState(job, 'active');
      job.marks[job.marks.length - 1]!.attempt = a.n;
      return true;
    }
    case 'progress':
      job.progress = e.progress;
      mark('progress', { progress: e.progress, attempt: currentAttemptNumber(job) });
      return true;
    case 'completed':
      if (e.returnvalue !== undefined) job.returnvalue = e.returnvalue;
      endAttempt(job, currentAttemptNumber(job), e.ts, 'completed');
      draft.setState(job, 'completed');
      mark('completed');
      return true;
    case 'failed':
      job.failedReason = e.failedReason ?? job.failedReason;
      endAttempt(job, currentAttemptNumber(job), e.ts, 'failed', e.failedReason);
      draft.setState(job, 'failed');
      mark('failed');
      return true;
    case 'retries-exhausted':
      mark('retries-exhausted');
      return true;
    case 'waiting-children':
      draft.setState(job, 'waiting-children');
      mark('waiting-children');
      return true;
    case 'removed':
      draft.setState(job, 'removed');
      mark('removed');
      return true;
    case 'stalled':
      mark('stalled');
      return true;
    default:
      return false;
  }
}

function applyWorkerEvent(draft: Draft, e: Event): boolean {
  draft.seeWorker(e.workerId);
  if (e.type === 'error') return true;
  if (!e.jobId) return false;
  const job = draft.job(e.queue, e.jobId);
  switch (e.type) {
    case 'active': {
      if (e.name) job.name ??= e.name;
      const a = attempt(job, e.attempt ?? currentAttemptNumber(job));
      a.workerId = e.workerId;
      a.startedAt = a.startedAt === undefined ? e.ts : Math.min(a.startedAt, e.ts);
      return true;
    }
    case 'completed': {
      if (e.returnvalue !== undefined) job.returnvalue = e.returnvalue;
      const a = attempt(job, e.attempt ?? currentAttemptNumber(job));
      a.workerId ??= e.workerId;
      endAttempt(job, a.n, e.ts, 'completed');
      return true;
    }
    case 'failed': {
      if (e.attempts) job.maxAttempts = e.attempts;
      job.failedReason = e.failedReason ?? job.failedReason;
      const a = attempt(job, e.attempt ?? currentAttemptNumber(job));
      a.workerId ??= e.workerId;
      if (e.willRetry && e.delay !== undefined) a.retryDelay = e.delay;
      endAttempt(job, a.n, e.ts, 'failed', e.failedReason);
      return true;
    }
    case 'progress':
      // Redis's stream reports the same progress; taking it from there keeps one mark per update.
      return true;
    case 'stalled':
      return true;
    default:
      return false;
  }
}

function applyQueueEvent(draft: Draft, e: Event): boolean {
  if (!e.schedulerId) return false;
  if (e.type === 'scheduler') {
    const scheduler = draft.scheduler(e.queue, e.schedulerId);
    scheduler.name = e.name ?? scheduler.name;
    scheduler.every = e.repeat?.every;
    scheduler.pattern = e.repeat?.pattern;
    scheduler.removed = false;
    return true;
  }
  if (e.type === 'scheduler-removed') {
    draft.scheduler(e.queue, e.schedulerId).removed = true;
    return true;
  }
  return false;
}

function applyJobEvent(draft: Draft, e: Event): boolean {
  if (e.type !== 'log' || !e.jobId || e.log === undefined) return false;
  draft.job(e.queue, e.jobId).logs.push(e.log);
  return true;
}

/** Applies one trace event. Unknown or malformed events leave the state as it was (and are counted). */
export function reduceQueueView(state: QueueViewState, raw: unknown): QueueViewState {
  const e = parseEvent(raw);
  if (!e) return { ...state, ignored: state.ignored + 1 };
  const draft = new Draft(state, e.ts);
  draft.seeQueue(e.queue);
  let applied = false;
  if (e.source === 'events') applied = applyStreamEvent(draft, e);
  else if (e.source === 'worker') applied = applyWorkerEvent(draft, e);
  else if (e.source === 'queue') applied = applyQueueEvent(draft, e);
  else if (e.source === 'job') applied = applyJobEvent(draft, e);
  if (!applied) return { ...state, ignored: state.ignored + 1 };
  return draft.finish();
}

/** Reduces a whole recorded trace. */
export function reduceAll(events: readonly unknown[], state = initialQueueViewState()): QueueViewState {
  return events.reduce<QueueViewState>(reduceQueueView, state);
}

/** Jobs in the order they were first seen. */
export function jobsInOrder(state: QueueViewState): JobView[] {
  return state.order.map((key) => jobOf(state, key)!).filter(Boolean);
}

/** The job with this key (`queue/id`). */
export function jobOf(state: QueueViewState, key: string): JobView | undefined {
  return state.jobs.buckets[bucketOf(key)]?.[key];
}
