// The data that travels through the two queues, and how one analysis is enqueued.
import type { FlowProducer } from 'bullmq';
import type { RowResult } from '../model/model.ts';
import type { PipelineSettings } from './settings.ts';
import type { Summary } from './summarise.ts';

export const INFERENCE_QUEUE = 'inference';
export const NOTIFY_QUEUE = 'notify';

export interface InferenceData {
  rows: string[];
}

export interface AnalysisResult {
  model: string;
  summary: Summary;
  rows: RowResult[];
}

export interface NotifyData {
  analysisId: string;
  email: string;
}

export interface NotifyResult {
  kind: 'result' | 'failure';
  delivery: 'sent' | 'already-sent';
  subject: string;
}

export interface Progress {
  done: number;
  total: number;
}

/**
 * One analysis = a BullMQ flow: the notify job is the parent, the inference job its only child.
 * Both are written to Redis in one atomic step, so no crash can leave an analysis without its e-mail.
 * The parent waits until the child is finished; `ignoreDependencyOnFailure` lets it run even when the
 * child has failed for good, so the same job sends either the result or the failure notice.
 */
export async function enqueueAnalysis(
  flows: FlowProducer,
  settings: PipelineSettings,
  analysis: { id: string; email: string; rows: string[] },
): Promise<void> {
  const backoff = { type: 'exponential', delay: settings.backoffMs };
  await flows.add({
    name: 'notify',
    queueName: NOTIFY_QUEUE,
    prefix: settings.prefix,
    data: { analysisId: analysis.id, email: analysis.email } satisfies NotifyData,
    opts: { jobId: analysis.id, attempts: settings.mailAttempts, backoff },
    children: [
      {
        name: 'infer',
        queueName: INFERENCE_QUEUE,
        prefix: settings.prefix,
        data: { rows: analysis.rows } satisfies InferenceData,
        opts: { jobId: analysis.id, attempts: settings.inferenceAttempts, backoff, ignoreDependencyOnFailure: true },
      },
    ],
  });
}
