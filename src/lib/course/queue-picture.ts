// A recorded queue trace as a picture's data: the flows (a parent job and its children), each job as a row of
// timed segments (waiting, waiting for its children, attempts, backoff) on its flow's time axis, in percent. The
// course home draws the capstone's real recorded run with it (src/components/home/QueuePicture.astro), so
// the picture can only show what the code did. Built on the queue panel's reducer, so both read a trace alike.
import { jobsInOrder, reduceAll, type JobView } from '../queue-view/reducer.ts';

export type SegmentKind = 'waiting' | 'waiting-children' | 'active' | 'completed' | 'failed' | 'backoff';

export interface Segment {
  kind: SegmentKind;
  /** Percent of the axis. */
  left: number;
  width: number;
  /** The attempt number, for attempts. */
  attempt?: number;
}

export interface PictureJob {
  key: string;
  queue: string;
  id: string;
  name: string;
  state: JobView['state'];
  attempts: number;
  segments: Segment[];
  /** How many items the job's data held (its `rows`), when it had a list. */
  items?: number;
  failedReason?: string;
  /** What the job returned, when it is a short text or has a `subject` (an e-mail's). */
  result?: string;
}

export interface PictureFlow {
  /** The parent's id (the analysis id in the capstone). */
  id: string;
  /** From the flow's first event to its last: its jobs' segments are in percent of this. */
  durationMs: number;
  /** Children first (they run first), then the parent. */
  jobs: PictureJob[];
}

export interface QueuePicture {
  flows: PictureFlow[];
  /** The whole recorded run. */
  durationMs: number;
}

/** The smallest width a segment is drawn with, so a 5 ms attempt still shows. */
const MIN_WIDTH = 1.2;

export function queuePicture(trace: readonly unknown[]): QueuePicture {
  const state = reduceAll(trace);
  const jobs = jobsInOrder(state);
  const byKey = new Map(jobs.map((job) => [job.key, job]));
  const flows: PictureFlow[] = [];
  for (const job of jobs) {
    if (job.parent && byKey.has(`${job.parent.queue}/${job.parent.id}`)) continue; // drawn with its parent
    const children = job.children.map((child) => byKey.get(`${child.queue}/${child.id}`)).filter((c) => !!c);
    flows.push(flow(job.id, [...children, job]));
  }
  const start = state.startedAt ?? 0;
  return { flows, durationMs: Math.max((state.lastTs ?? start) - start, 0) };
}

/** One flow, drawn on its own time axis (a second upload a while later still gets the whole width). */
function flow(id: string, jobs: JobView[]): PictureFlow {
  const start = Math.min(...jobs.map((job) => job.firstSeen));
  const end = Math.max(start + 1, ...jobs.flatMap((job) => [job.lastSeen, ...job.attempts.map((a) => a.endedAt ?? 0)]));
  const pct = (ts: number) => ((ts - start) / (end - start)) * 100;
  const span = (kind: SegmentKind, from: number, to: number, attempt?: number): Segment => ({
    kind,
    left: round(pct(from)),
    width: round(Math.max(pct(to) - pct(from), MIN_WIDTH)),
    ...(attempt === undefined ? {} : { attempt }),
  });

  const toJob = (job: JobView): PictureJob => {
    const segments: Segment[] = [];
    const firstStart = job.attempts[0]?.startedAt ?? job.lastSeen;
    const childrenDone = job.marks.find((mark) => mark.kind === 'waiting' && mark.ts > job.firstSeen)?.ts;
    if (job.marks.some((mark) => mark.kind === 'waiting-children') && childrenDone !== undefined) {
      segments.push(span('waiting-children', job.firstSeen, childrenDone));
      if (firstStart > childrenDone) segments.push(span('waiting', childrenDone, firstStart));
    } else if (firstStart > job.firstSeen) {
      segments.push(span('waiting', job.firstSeen, firstStart));
    }
    job.attempts.forEach((attempt, i) => {
      const from = attempt.startedAt ?? job.firstSeen;
      const to = attempt.endedAt ?? job.lastSeen;
      const kind = attempt.outcome === 'running' ? 'active' : attempt.outcome;
      segments.push(span(kind, from, to, attempt.n));
      const next = job.attempts[i + 1]?.startedAt;
      if (attempt.endedAt !== undefined && next !== undefined && next > attempt.endedAt) {
        segments.push(span('backoff', attempt.endedAt, next));
      }
    });
    const rows = isRecord(job.data) && Array.isArray(job.data.rows) ? job.data.rows.length : undefined;
    const result = resultText(job.returnvalue);
    return {
      key: job.key,
      queue: job.queue,
      id: job.id,
      name: job.name ?? '',
      state: job.state,
      attempts: job.attempts.length,
      segments,
      ...(rows === undefined ? {} : { items: rows }),
      ...(job.state === 'failed' && job.failedReason ? { failedReason: withoutAddresses(job.failedReason) } : {}),
      ...(result === undefined ? {} : { result }),
    };
  };

  return { id, durationMs: end - start, jobs: jobs.map(toJob) };
}

/** "Could not reach the model at http://127.0.0.1:<port>/score (…)": the address is noise in a picture. */
function withoutAddresses(reason: string): string {
  return reason.replace(/\s+at\s+https?:\/\/\S+/g, '');
}

function resultText(value: unknown): string | undefined {
  if (isRecord(value) && typeof value.subject === 'string') return value.subject;
  return typeof value === 'string' && value.length <= 80 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
