// The inference job: score the rows in batches, report progress after each batch, return every verdict.
import type { Job } from 'bullmq';
import type { Model, RowResult } from '../model/model.ts';
import type { AnalysisResult, InferenceData, Progress } from './analysis.ts';
import { summarise } from './summarise.ts';

export function createInferenceProcessor(model: Model, batchSize: number) {
  return async function infer(job: Job<InferenceData>): Promise<AnalysisResult> {
    const { rows } = job.data;
    const results: RowResult[] = [];
    for (let start = 0; start < rows.length; start += batchSize) {
      results.push(...(await model.classify(rows.slice(start, start + batchSize))));
      await job.updateProgress({ done: results.length, total: rows.length } satisfies Progress);
    }
    return { model: model.name, summary: summarise(results), rows: results };
  };
}
