// The API's view of the queues: submit an analysis, look one up, follow one live.
// Owns its queue handles and event listeners, so it is a class with a close().
import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueueAnalysis, INFERENCE_QUEUE, NOTIFY_QUEUE, type AnalysisResult, type Progress } from './analysis.ts';
import type { PipelineSettings } from './settings.ts';
import type { Summary } from './summarise.ts';

export type AnalysisStatus = 'queued' | 'running' | 'retrying' | 'completed' | 'failed';
export type NotificationStatus = 'pending' | 'sent' | 'failed';

export interface AnalysisView {
  id: string;
  status: AnalysisStatus;
  progress: Progress;
  attempts: number;
  notification: NotificationStatus;
  result?: AnalysisResult;
  error?: string;
}

export type AnalysisEvent =
  | { type: 'progress'; progress: Progress }
  | { type: 'completed'; summary: Summary }
  | { type: 'failed'; error: string }
  | { type: 'notified'; notification: NotificationStatus };

export class Analyses {
  readonly #settings: PipelineSettings;
  readonly #newId: () => string;
  readonly #flows: FlowProducer;
  readonly #inference: Queue;
  readonly #notify: Queue;
  readonly #inferenceEvents: QueueEvents;
  readonly #notifyEvents: QueueEvents;
  readonly #connections: Redis[] = [];

  constructor(connect: () => Redis, settings: PipelineSettings, newId: () => string = randomUUID) {
    this.#settings = settings;
    this.#newId = newId;
    const connection = () => {
      const client = connect();
      this.#connections.push(client);
      return client;
    };
    const opts = { connection: connection(), prefix: settings.prefix };
    this.#flows = new FlowProducer(opts);
    this.#inference = new Queue(INFERENCE_QUEUE, opts);
    this.#notify = new Queue(NOTIFY_QUEUE, opts);
    // QueueEvents blocks on Redis while it waits for events, so each needs a connection of its own.
    this.#inferenceEvents = new QueueEvents(INFERENCE_QUEUE, { connection: connection(), prefix: settings.prefix });
    this.#notifyEvents = new QueueEvents(NOTIFY_QUEUE, { connection: connection(), prefix: settings.prefix });
    this.#inferenceEvents.setMaxListeners(0);
    this.#notifyEvents.setMaxListeners(0);
  }

  async ready(): Promise<void> {
    await Promise.all([this.#inferenceEvents.waitUntilReady(), this.#notifyEvents.waitUntilReady()]);
  }

  async submit(email: string, rows: string[]): Promise<string> {
    const id = this.#newId();
    await enqueueAnalysis(this.#flows, this.#settings, { id, email, rows });
    return id;
  }

  async get(id: string): Promise<AnalysisView | undefined> {
    // State first, then the job: the other way round, a job that completes in between would be
    // reported as completed without its result.
    const state = await this.#inference.getJobState(id);
    const job: Job | undefined = state === 'unknown' ? undefined : await this.#inference.getJob(id);
    if (!job) return undefined;
    const total = (job.data as { rows: string[] }).rows.length;
    const view: AnalysisView = {
      id,
      status: statusOf(state, job.attemptsMade),
      progress: isProgress(job.progress) ? job.progress : { done: 0, total },
      attempts: job.attemptsMade,
      notification: await this.#notificationStatus(id),
    };
    if (state === 'completed') view.result = job.returnvalue as AnalysisResult;
    if (state === 'failed') view.error = job.failedReason;
    return view;
  }

  /** Calls `listener` for every event of this analysis until the returned function is called. */
  watch(id: string, listener: (event: AnalysisEvent) => void): () => void {
    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
      if (jobId === id && isProgress(data)) listener({ type: 'progress', progress: data });
    };
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      if (jobId === id) listener({ type: 'completed', summary: (returnvalue as AnalysisResult).summary });
    };
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
      if (jobId === id) listener({ type: 'failed', error: failedReason });
    };
    const onNotified = ({ jobId }: { jobId: string }) => {
      if (jobId === id) listener({ type: 'notified', notification: 'sent' });
    };
    const onNotifyFailed = ({ jobId }: { jobId: string }) => {
      if (jobId === id) listener({ type: 'notified', notification: 'failed' });
    };
    this.#inferenceEvents.on('progress', onProgress);
    this.#inferenceEvents.on('completed', onCompleted);
    this.#inferenceEvents.on('failed', onFailed);
    this.#notifyEvents.on('completed', onNotified);
    this.#notifyEvents.on('failed', onNotifyFailed);
    return () => {
      this.#inferenceEvents.off('progress', onProgress);
      this.#inferenceEvents.off('completed', onCompleted);
      this.#inferenceEvents.off('failed', onFailed);
      this.#notifyEvents.off('completed', onNotified);
      this.#notifyEvents.off('failed', onNotifyFailed);
    };
  }

  async close(): Promise<void> {
    await Promise.all([
      this.#flows.close(),
      this.#inference.close(),
      this.#notify.close(),
      this.#inferenceEvents.close(),
      this.#notifyEvents.close(),
    ]);
    // BullMQ leaves connections it was handed open; they are ours to close.
    await Promise.all(this.#connections.map((client) => client.quit().catch(() => client.disconnect())));
  }

  async #notificationStatus(id: string): Promise<NotificationStatus> {
    const state = await (await this.#notify.getJob(id))?.getState();
    if (state === 'completed') return 'sent';
    return state === 'failed' ? 'failed' : 'pending';
  }
}

function statusOf(state: string, attemptsMade: number): AnalysisStatus {
  if (state === 'completed' || state === 'failed') return state;
  if (state === 'active') return 'running';
  return attemptsMade > 0 ? 'retrying' : 'queued';
}

function isProgress(value: unknown): value is Progress {
  return typeof value === 'object' && value !== null && 'done' in value && 'total' in value;
}
