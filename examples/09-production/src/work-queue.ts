// The queue every demo here uses, and the knobs that decide how fast a dead worker is noticed.
import { Queue } from 'bullmq';
import { connect } from './connection.ts';

export const QUEUE_NAME = 'reports';

export interface ReportJob {
  /** How long the work takes. */
  ms: number;
  /** Kill the process that runs this job, as an out-of-memory crash or a native bug would. */
  crash?: boolean;
}

export interface ReportResult {
  worker: string;
}

/** Every key of this app starts with it (BullMQ's default is 'bull'), so one Redis can serve several apps. */
export const prefix = 'production';

/**
 * BullMQ's defaults suit production (a lock of 30 s, a stall check every 30 s). The demos shorten them
 * through the environment so that a crashed worker is noticed in about a second.
 */
export const stallSettings = {
  lockDuration: Number(process.env.LOCK_DURATION_MS ?? 30_000),
  stalledInterval: Number(process.env.STALLED_INTERVAL_MS ?? 30_000),
  maxStalledCount: Number(process.env.MAX_STALLED_COUNT ?? 1),
};

/** What the demos and tests put in a worker process's environment: a dead worker is noticed within ~1 s. */
export const FAST_STALL_CHECK_ENV = { LOCK_DURATION_MS: '1000', STALLED_INTERVAL_MS: '500', MAX_STALLED_COUNT: '1' };

export function openQueue() {
  const connection = connect();
  const queue = new Queue<ReportJob, ReportResult>(QUEUE_NAME, { connection, prefix });
  return {
    queue,
    async close() {
      await queue.close();
      await connection.quit();
    },
  };
}
