// The queue visualiser's side channel: one structured event per line on stdout, tagged so runners can
// lift it out of the reader's output. The site's reducer (src/lib/queue-view) reads exactly this shape.

/** Every trace line starts with this: an ASCII record separator, then a tag no program prints by accident. */
export const TRACE_PREFIX = '\u001eASYNC_LAB_TRACE ';

/** Bump when a field changes meaning; the reducer ignores versions it does not know. */
export const TRACE_VERSION = 1;

/**
 * Who saw the event:
 * - `events`: BullMQ's QueueEvents, i.e. Redis's own event stream for the queue (authoritative for state);
 * - `worker`: a Worker in this process (knows which worker and which attempt);
 * - `queue`: a call on a Queue in this process (job schedulers);
 * - `job`: a call on a Job (logs).
 */
export type TraceSource = 'events' | 'worker' | 'queue' | 'job';

export interface TraceParent {
  queue: string;
  id: string;
}

export interface TraceEvent {
  v: typeof TRACE_VERSION;
  /** Milliseconds since the epoch when this process observed the event. */
  ts: number;
  /** Order of emission in this process, from 1. */
  seq: number;
  source: TraceSource;
  /** BullMQ's event name (added, waiting, active, progress, completed, failed, delayed, …), or
   *  `scheduler` / `scheduler-removed` (source queue) and `log` (source job). */
  type: string;
  queue: string;
  jobId?: string;
  /** Job name, e.g. "add". */
  name?: string;
  /** The state the job left, when BullMQ says. */
  prev?: string;
  /** A short, stable label for the worker: its `name` option, or worker-1, worker-2… in creation order. */
  workerId?: string;
  /** 1-based attempt the event belongs to. */
  attempt?: number;
  /** Configured maximum attempts (job option `attempts`). */
  attempts?: number;
  /** Milliseconds the job waits (delayed jobs, retry backoff). */
  delay?: number;
  /** For `delayed` events: when the job becomes due (ms since the epoch). */
  dueAt?: number;
  priority?: number;
  progress?: unknown;
  failedReason?: string;
  /** Clipped to a few hundred characters of JSON, see `clip`. */
  returnvalue?: unknown;
  data?: unknown;
  parent?: TraceParent;
  /** The job scheduler that created this job, or the scheduler an event is about. */
  schedulerId?: string;
  /** For `scheduler` events: the repeat options (every / pattern). */
  repeat?: { every?: number; pattern?: string };
  /** For `log` events. */
  log?: string;
  /** For `failed` events from a worker: will BullMQ try again? */
  willRetry?: boolean;
}

export type TraceEventInput = Omit<TraceEvent, 'v' | 'ts' | 'seq'>;

/** Large payloads would flood the reader's terminal pipe; the panel only needs a preview. */
export const CLIP_CHARS = 400;

/** A JSON-safe value no longer than CLIP_CHARS when serialised; longer values become a string preview. */
export function clip(value: unknown): unknown {
  if (value === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
  if (json === undefined) return undefined;
  if (json.length <= CLIP_CHARS) return JSON.parse(json);
  return `${json.slice(0, CLIP_CHARS)}… (${json.length} chars)`;
}

/**
 * The exact line written to stdout for one event: pure ASCII, every other character as a JSON \u escape. A
 * terminal's output reaches the page in chunks decoded one by one (WebContainers do), and a character whose UTF-8
 * bytes a chunk boundary splits would be lost, taking the event with it; an ASCII line cannot be split that way.
 */
export function formatTraceLine(event: TraceEvent): string {
  const json = JSON.stringify(event).replace(
    /[^\x00-\x7f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${TRACE_PREFIX}${json}\n`;
}
