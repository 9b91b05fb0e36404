// Instruments BullMQ in this process so the site's queue panel can show jobs moving through their states.
// Learners' code does not change: trace-when-asked.ts calls installQueueTrace() before their code runs.
//
// How it works:
// - every Queue/Worker the program creates is noticed (bullmq-construction-hook.ts, the one place that knows
//   BullMQ's constructors from inside), and for each queue name a QueueEvents reads Redis's own event stream;
// - Worker.prototype.emit is observed for what only the worker knows (which worker, which attempt, will it retry);
// - Queue.upsertJobScheduler, FlowProducer.add and Job.log are observed for schedulers, flows and logs;
// - when the program closes its last Queue/Worker, the stream is read to its end before the close resolves,
//   so the last events are not lost and the process still exits on its own.
import { FlowProducer, Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { ConnectionOptions, FlowJob, QueueOptions } from 'bullmq';
import { onQueueBaseCreated } from './bullmq-construction-hook.ts';
import { TRACE_VERSION, clip, formatTraceLine } from './trace-event.ts';
import type { TraceEvent, TraceEventInput, TraceParent } from './trace-event.ts';

export interface QueueTraceOptions {
  /** Where trace lines go; stdout by default (the runners read it there). */
  write?: (line: string) => void;
}

interface BullOptions {
  connection?: ConnectionOptions;
  prefix?: string;
}

type Closable = { close(): Promise<void> };

/** How long a closing program waits at most for the event stream to catch up. */
const FLUSH_TIMEOUT_MS = 2000;

let installed: Installation | undefined;

/** Starts tracing every BullMQ queue this process touches. Returns a function that undoes it. */
export function installQueueTrace(options: QueueTraceOptions = {}): () => Promise<void> {
  if (installed) throw new Error('installQueueTrace() was called twice in one process.');
  const installation = new Installation(options.write ?? ((line) => process.stdout.write(line)));
  installed = installation;
  return async () => {
    await installation.uninstall();
    if (installed === installation) installed = undefined;
  };
}

class Installation {
  private seq = 0;
  private readonly trackers = new Map<string, QueueTracker>();
  /** Queues, Workers and FlowProducers the program has open; when none is left the trackers close. */
  private readonly users = new Set<object>();
  private readonly workerLabels = new WeakMap<object, string>();
  private workerCount = 0;
  /** Set while we construct our own BullMQ objects, so the constructor hook ignores them. */
  internal = false;
  private readonly restore: Array<() => void> = [];
  private readonly write: (line: string) => void;

  constructor(write: (line: string) => void) {
    this.write = write;
    this.patchConstructors();
    this.patchWorkerEvents();
    this.patchSchedulers();
    this.patchFlows();
    this.patchJobLogs();
  }

  emit(input: TraceEventInput): void {
    const event: TraceEvent = { v: TRACE_VERSION, ts: Date.now(), seq: ++this.seq, ...dropUndefined(input) };
    try {
      this.write(formatTraceLine(event));
    } catch {
      // Tracing must never break the learner's program (e.g. stdout closed early).
    }
  }

  private patch<T extends object, K extends keyof T>(target: T, key: K, make: (original: T[K]) => T[K]): void {
    const hadOwn = Object.prototype.hasOwnProperty.call(target, key);
    const original = target[key];
    target[key] = make(original);
    this.restore.push(() => {
      if (hadOwn) target[key] = original;
      else delete target[key];
    });
  }

  private patchConstructors(): void {
    // Runs inside every Queue/Worker/QueueEvents/JobScheduler constructor, once name and options are set.
    const undo = onQueueBaseCreated((created) => {
      if (this.internal) return;
      if (created instanceof Queue || created instanceof Worker) this.watch(created, created.name, created.opts);
    });
    this.restore.push(undo);
  }

  private patchWorkerEvents(): void {
    const self = this;
    type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
    this.patch(Worker.prototype as unknown as { emit: Emit }, 'emit', (original) => {
      return function (this: Worker, event: string | symbol, ...args: unknown[]) {
        if (!self.internal) self.onWorkerEvent(this, String(event), args);
        return original.call(this, event, ...args);
      };
    });
  }

  private patchSchedulers(): void {
    const self = this;
    type Upsert = Queue['upsertJobScheduler'];
    type Remove = Queue['removeJobScheduler'];
    this.patch(Queue.prototype, 'upsertJobScheduler', (original: Upsert) => {
      return async function (this: Queue, id, repeat, template) {
        const result = await original.call(this, id, repeat, template);
        self.emit({
          source: 'queue',
          type: 'scheduler',
          queue: this.name,
          schedulerId: id,
          name: template?.name ?? id,
          repeat: { every: repeat.every, pattern: repeat.pattern },
          data: clip(template?.data),
        });
        return result;
      } as Upsert;
    });
    this.patch(Queue.prototype, 'removeJobScheduler', (original: Remove) => {
      return async function (this: Queue, id: string) {
        const removed = await original.call(this, id);
        self.emit({ source: 'queue', type: 'scheduler-removed', queue: this.name, schedulerId: id });
        return removed;
      };
    });
  }

  private patchFlows(): void {
    const self = this;
    type Add = FlowProducer['add'];
    type AddBulk = FlowProducer['addBulk'];
    // A flow can put jobs in queues this process has no Queue for: watch them before the jobs exist.
    this.patch(FlowProducer.prototype, 'add', (original: Add) => {
      return function (this: FlowProducer, flow, opts) {
        self.watchFlow(this, [flow]);
        return original.call(this, flow, opts);
      } as Add;
    });
    this.patch(FlowProducer.prototype, 'addBulk', (original: AddBulk) => {
      return function (this: FlowProducer, flows) {
        self.watchFlow(this, flows);
        return original.call(this, flows);
      } as AddBulk;
    });
  }

  private patchJobLogs(): void {
    const self = this;
    this.patch(Job.prototype, 'log', (original: Job['log']) => {
      return async function (this: Job, row: string) {
        const count = await original.call(this, row);
        if (!self.internal && this.id) {
          self.emit({ source: 'job', type: 'log', queue: this.queueName, jobId: this.id, log: String(clip(row)) });
        }
        return count;
      };
    });
  }

  private watchFlow(producer: FlowProducer, flows: FlowJob[]): void {
    const opts = producer.opts as BullOptions;
    const visit = (flow: FlowJob): void => {
      this.watch(producer, flow.queueName, { connection: opts.connection, prefix: flow.prefix ?? opts.prefix });
      for (const child of flow.children ?? []) visit(child);
    };
    for (const flow of flows) visit(flow);
  }

  /** Notes a user object on a queue: starts tracing the queue, and closes tracing after its last close(). */
  private watch(user: object, queueName: string, opts: BullOptions): void {
    const key = `${opts.prefix ?? 'bull'}:${queueName}`;
    let tracker = this.trackers.get(key);
    if (!tracker || tracker.closed) {
      tracker = new QueueTracker(this, queueName, opts, tracker?.lastId);
      this.trackers.set(key, tracker);
    }
    if (this.users.has(user)) return;
    this.users.add(user);
    const closable = user as Closable;
    const close = closable.close;
    closable.close = async () => {
      await close.call(user);
      this.users.delete(user);
      if (this.users.size === 0) await this.flushAll();
    };
  }

  private async flushAll(): Promise<void> {
    await Promise.all([...this.trackers.values()].map((tracker) => tracker.flushAndClose()));
  }

  private workerLabel(worker: Worker): string {
    let label = this.workerLabels.get(worker);
    if (!label) {
      label = worker.opts.name ?? `worker-${++this.workerCount}`;
      this.workerLabels.set(worker, label);
    }
    return label;
  }

  private onWorkerEvent(worker: Worker, event: string, args: unknown[]): void {
    const base = { source: 'worker' as const, queue: worker.name, workerId: this.workerLabel(worker) };
    const job = args[0] instanceof Job ? args[0] : undefined;
    switch (event) {
      case 'active':
        if (job) this.emit({ ...base, type: 'active', jobId: job.id, name: job.name, attempt: job.attemptsStarted });
        break;
      case 'progress':
        if (job) this.emit({ ...base, type: 'progress', jobId: job.id, progress: clip(args[1]) });
        break;
      case 'completed':
        if (job) {
          const returnvalue = clip(args[1]);
          this.emit({ ...base, type: 'completed', jobId: job.id, attempt: job.attemptsMade, returnvalue });
        }
        break;
      case 'failed': {
        const error = args[1] instanceof Error ? args[1] : undefined;
        if (!job) break;
        // moveToFailed sets finishedOn only when the job is done for good; a retried job gets a delay instead.
        const willRetry = !job.finishedOn;
        this.emit({
          ...base,
          type: 'failed',
          jobId: job.id,
          attempt: job.attemptsMade,
          attempts: job.opts.attempts || undefined,
          failedReason: error?.message ?? job.failedReason,
          willRetry,
          delay: willRetry && job.delay ? job.delay : undefined,
        });
        break;
      }
      case 'stalled':
        this.emit({ ...base, type: 'stalled', jobId: String(args[0]) });
        break;
      case 'error':
        this.emit({
          ...base,
          type: 'error',
          failedReason: args[0] instanceof Error ? args[0].message : String(args[0]),
        });
        break;
    }
  }

  async uninstall(): Promise<void> {
    for (const undo of this.restore.reverse()) undo();
    await this.flushAll();
  }
}

/** Reads one queue's Redis event stream and turns each entry into a trace event, in stream order. */
class QueueTracker {
  readonly name: string;
  /** Last stream entry id handled. */
  lastId: string;
  closed = false;
  private readonly owner: Installation;
  private readonly events: QueueEvents;
  /** A non-blocking Queue handle for reading job details (the QueueEvents connection is blocked in XREAD). */
  private readonly reader: Queue;
  private chain: Promise<void> = Promise.resolve();
  private caughtUp: { id: string; resolve: () => void } | undefined;
  private closing: Promise<void> | undefined;

  constructor(owner: Installation, name: string, opts: BullOptions, sinceId?: string) {
    this.owner = owner;
    this.name = name;
    // Start just before now: the program's first add() may reach Redis before our first XREAD does.
    this.lastId = sinceId ?? `${Date.now() - 1}-0`;
    const base: QueueOptions = { connection: opts.connection ?? {}, prefix: opts.prefix };
    owner.internal = true;
    try {
      this.events = new QueueEvents(name, { ...base, lastEventId: this.lastId, autorun: false });
      this.reader = new Queue(name, { ...base, skipMetasUpdate: true });
    } finally {
      owner.internal = false;
    }
    // QueueEvents emits (event, args, id), plus a per-job copy named `event:jobId` that we skip.
    const emit = this.events.emit.bind(this.events) as (event: string, ...args: unknown[]) => boolean;
    (this.events as unknown as { emit: typeof emit }).emit = (event: string, ...args: unknown[]) => {
      if (event === 'error') return true; // connection trouble is the program's to report, not ours
      if (!event.includes(':')) this.enqueue(event, args);
      return emit(event, ...args);
    };
    this.events.run().catch(() => {
      // Closed while reading, or the connection failed: nothing the reader can act on here.
    });
  }

  private enqueue(event: string, args: unknown[]): void {
    const id = event === 'drained' ? String(args[0]) : String(args[1]);
    const payload = (event === 'drained' ? {} : (args[0] ?? {})) as Record<string, unknown>;
    this.chain = this.chain
      .then(() => this.handle(event, payload))
      .catch(() => {})
      .then(() => {
        this.lastId = id;
        if (this.caughtUp && compareStreamIds(id, this.caughtUp.id) >= 0) this.caughtUp.resolve();
      });
  }

  private async handle(event: string, payload: Record<string, unknown>): Promise<void> {
    const jobId = typeof payload.jobId === 'string' ? payload.jobId : undefined;
    const input: TraceEventInput = { source: 'events', type: event, queue: this.name, jobId };
    if (typeof payload.name === 'string') input.name = payload.name;
    if (typeof payload.prev === 'string') input.prev = payload.prev;
    // The stream's `delayed` event carries the time the job becomes due, not a duration.
    if (event === 'delayed' && 'delay' in payload) input.dueAt = Number(payload.delay);
    if (event === 'progress') input.progress = clip(payload.data);
    if ('returnvalue' in payload) input.returnvalue = clip(payload.returnvalue);
    if (typeof payload.failedReason === 'string') input.failedReason = payload.failedReason;
    if ('attemptsMade' in payload) input.attempt = Number(payload.attemptsMade);
    if (event === 'added' && jobId) Object.assign(input, await this.details(jobId));
    this.owner.emit(input);
  }

  /** What the `added` event does not say: data, options, parent, the scheduler that made the job. */
  private async details(jobId: string): Promise<Partial<TraceEventInput>> {
    const job = await this.reader.getJob(jobId).catch(() => undefined);
    if (!job) return {};
    return {
      data: clip(job.data),
      attempts: job.opts.attempts || undefined,
      delay: job.opts.delay || undefined,
      priority: job.opts.priority || undefined,
      parent: parentOf(job),
      schedulerId: job.repeatJobKey,
    };
  }

  /** The id of the newest entry in the queue's event stream after the last one traced, if any. */
  private async lastStreamId(): Promise<string | undefined> {
    const client = await this.reader.getBackend().client;
    // Non-blocking read of what is left; the stream is capped (10 000 entries by default).
    const reply = await client.xread([{ key: this.events.toKey('events'), id: this.lastId }], { COUNT: 100_000 });
    const entries = (reply?.[0]?.[1] ?? []) as [string, unknown][];
    return entries.at(-1)?.[0];
  }

  /** Waits until every event already in the stream has been traced, then stops reading. */
  flushAndClose(): Promise<void> {
    this.closing ??= (async () => {
      try {
        const target = await this.lastStreamId();
        if (target && compareStreamIds(target, this.lastId) > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
            this.caughtUp = {
              id: target,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            };
          });
        }
        await this.chain;
      } catch {
        // The connection is already gone: whatever was traced is all we can give.
      } finally {
        this.closed = true;
        await Promise.allSettled([this.events.close(), this.reader.close()]);
      }
    })();
    return this.closing;
  }
}

function parentOf(job: Job): TraceParent | undefined {
  if (!job.parent?.id) return undefined;
  // queueKey is "<prefix>:<queue name>"; queue names cannot contain ':'.
  const queue = job.parent.queueKey.slice(job.parent.queueKey.lastIndexOf(':') + 1);
  return { queue, id: job.parent.id };
}

/** Orders Redis stream ids ("<ms>-<seq>"). */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map((part) => BigInt(part));
  const [bMs = 0n, bSeq = 0n] = b.split('-').map((part) => BigInt(part));
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
