// Makes a recorded run repeatable: tokens that differ on every run (dates, uuids, ports, temp paths)
// are replaced by stable placeholders, and every other character of every line is kept.
// Durations are real output and stay in the recording; `maskTimings` hides them only when comparing.
import { durationPattern } from './compare-timings.ts';

const isoDate = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/g;
const clockTime = /\b\d\d:\d\d:\d\d(?:\.\d{1,6})?\b/g;
const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const loopbackPort = /\b(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):\d{2,5}\b/g;
const epochMs = /\b1[6-9]\d{11}\b/g;
const nodePid = /\((node|npm):\d+\)/g;
const tempPath = /(?:\/private)?\/(?:tmp|var\/folders\/[^\s/]+\/[^\s/]+\/T)\/[^\s/'")]+/g;

export interface NormaliseOptions {
  /** Absolute path of the repository: shown as <repo> so recordings do not depend on the checkout. */
  repoRoot?: string;
  /** The exact Node version that ran the example (process.version): shown as its major, e.g. "v24.x". */
  nodeVersion?: string;
}

/** Names given to volatile tokens, shared by every string of one recording so equal tokens stay equal. */
interface TokenNames {
  uuids: Map<string, string>;
  /** Epoch-millisecond values with their names; without it they all read `<timestamp>`. */
  timestamps?: Map<string, string>;
}

/** Normalises a whole output; uuids are numbered in order of appearance so equal ids stay equal. */
export function normaliseOutput(text: string, options: NormaliseOptions = {}): string {
  return normaliseWith(text, options, { uuids: new Map() });
}

function normaliseWith(text: string, options: NormaliseOptions, names: TokenNames): string {
  let out = text.replace(/\r\n/g, '\n');
  if (options.repoRoot) out = out.split(options.repoRoot).join('<repo>');
  if (options.nodeVersion) out = out.split(options.nodeVersion).join(options.nodeVersion.replace(/\..*$/, '.x'));
  return out
    .replace(tempPath, '<tmp>')
    .replace(nodePid, '($1:<pid>)')
    .replace(uuid, (id) => {
      const key = id.toLowerCase();
      if (!names.uuids.has(key)) names.uuids.set(key, `<uuid-${names.uuids.size + 1}>`);
      return names.uuids.get(key)!;
    })
    .replace(isoDate, '<date>')
    .replace(clockTime, '<time>')
    .replace(epochMs, (ms) => names.timestamps?.get(ms) ?? '<timestamp>')
    .replace(loopbackPort, '$1:<port>');
}

/**
 * Timing values a run prints ("took ~1.0 s", "12ms", "3 秒"): real, but never the same twice. Masked here so the
 * rest of the text is compared exactly; compare-timings.ts compares the values themselves, within a tolerance.
 */
export function maskTimings(text: string): string {
  return text.replace(durationPattern(), '<duration>');
}

const timeKey = /^(?:ts|t|time|timestamp|at|elapsed|duration|delay)$|(?:At|Ms|Time|Timestamp)$/;

/**
 * Trace events: strings normalised like output; epoch timestamps in numeric time fields made relative to the
 * run's first one. Epoch values inside strings (a scheduler's job ids: "repeat:<id>:<tick ms>") are numbered by
 * rank, so each tick keeps its own id and the numbering does not depend on how jobs interleave.
 */
export function normaliseTrace(events: unknown[], options: NormaliseOptions = {}): unknown[] {
  const stamps = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') for (const [ms] of value.matchAll(epochMs)) stamps.add(ms);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  events.forEach(collect);
  const names: TokenNames = {
    uuids: new Map(),
    timestamps: new Map([...stamps].sort().map((ms, i) => [ms, `<timestamp-${i + 1}>`])),
  };
  let origin: number | undefined;
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return normaliseWith(value, options, names);
    if (typeof value === 'number' && key && timeKey.test(key) && value > 1e12) {
      origin ??= value;
      return value - origin;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return events.map((event) => walk(event));
}

/**
 * For comparing two recordings: durations in the output are masked. Trace events are compared job by job:
 * each job's events from each source must match in order, but which worker took a job (several compete for
 * it), the emission counter and the interleaving of different jobs are left out: they vary from run to run.
 */
export function comparable(recording: { output: string; trace: unknown[] }): { output: string; trace: unknown[] } {
  // A worker's name can also travel inside a job's data or result (e.g. { worker: "worker-2" }).
  const workerNames = new Set(
    recording.trace
      .map((event) => (event as { workerId?: unknown } | null)?.workerId)
      .filter((id) => typeof id === 'string'),
  );
  const mask = (value: unknown, key?: string): unknown => {
    if (key && (volatileTraceKey.test(key) || (typeof value === 'number' && timeKey.test(key)))) return '<volatile>';
    if (typeof value === 'string' && workerNames.has(value)) return '<worker>';
    if (typeof value === 'string') return maskTimings(value);
    if (Array.isArray(value)) return value.map((item) => mask(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
    }
    return value;
  };
  const byJob = new Map<string, unknown[]>();
  for (const event of recording.trace) {
    const e = (event ?? {}) as Record<string, unknown>;
    const key = [e.source, e.queue, e.jobId ?? e.schedulerId ?? ''].map(String).join(' ');
    byJob.set(key, [...(byJob.get(key) ?? []), mask(event)]);
  }
  const trace = [...byJob].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([job, events]) => ({ job, events }));
  return { output: maskTimings(recording.output), trace };
}

const volatileTraceKey = /^(?:seq|workerId)$/;
