// Knobs of the pipeline. Tests and demos shrink the delays; production keeps the defaults.
export interface PipelineSettings {
  /** Redis key prefix for both queues and the sent-markers, so several apps (or tests) can share one Redis. */
  prefix: string;
  /** Rows sent to the model at once; progress is reported after each batch. */
  batchSize: number;
  inferenceAttempts: number;
  mailAttempts: number;
  /** First retry waits this long, then twice as long, and so on (BullMQ's exponential backoff). */
  backoffMs: number;
}

export const defaultSettings: PipelineSettings = {
  prefix: 'capstone',
  batchSize: 10,
  inferenceAttempts: 3,
  mailAttempts: 5,
  backoffMs: 1_000,
};
