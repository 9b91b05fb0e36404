// One named worker on the reports queue. Used by worker-process.ts (one worker per process, real Redis)
// and by the demos directly (several workers in one process, any Redis).
import { Worker, type Job } from 'bullmq';
import { connect } from './connection.ts';
import { prefix, QUEUE_NAME, stallSettings, type ReportJob, type ReportResult } from './work-queue.ts';

export interface StartWorkerOptions {
  concurrency?: number;
  limiter?: { max: number; duration: number };
  log?: (line: string) => void;
}

export function startWorker(name: string, options: StartWorkerOptions = {}) {
  const log = options.log ?? (() => {});
  const connection = connect();

  async function work(job: Job<ReportJob, ReportResult>): Promise<ReportResult> {
    log(`${name} started ${job.id}`);
    if (job.data.crash) process.kill(process.pid, 'SIGKILL'); // no catch, no finally: the process is gone
    await new Promise((resolve) => setTimeout(resolve, job.data.ms));
    log(`${name} finished ${job.id}`);
    return { worker: name };
  }

  const worker = new Worker<ReportJob, ReportResult>(QUEUE_NAME, work, {
    connection,
    prefix,
    concurrency: options.concurrency ?? 1,
    limiter: options.limiter,
    ...stallSettings,
  });
  return { name, worker, connections: [connection] };
}

export type StartedWorker = ReturnType<typeof startWorker>;
