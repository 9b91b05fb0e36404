// The observability demo (job.log, counts, metrics, the Prometheus export, an alert on new failures) and the
// multi-core demo (inline vs sandboxed processors), on both Redis backends.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { connect } from '../src/connection.ts';
import { failedSince } from '../src/failed-jobs-alert.ts';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const runDemo = async (name: string) =>
  (await promisify(execFile)(process.execPath, [`src/demos/${name}.ts`], { cwd: pkgDir, timeout: 80_000 })).stdout;

describe('observability and cores', { timeout: 90_000 }, () => {
  it('observability: logs, counts, metrics, the Prometheus export and the failure alert', async () => {
    expect(await runDemo('observability')).toBe(
      [
        'job.log: what each job wrote',
        '  job 1: reading january.csv | imported 120 rows',
        '  job 2: reading february.csv | imported 98 rows',
        '  job 3: reading march.xlsx',
        'getJobCounts: {"waiting":0,"active":0,"completed":2,"failed":1}',
        'getMetrics: 2 completed, 1 failed so far',
        'exportPrometheusMetrics (for a dashboard and alert rules):',
        '  # HELP bullmq_job_completed_total Total number of completed jobs',
        '  # TYPE bullmq_job_completed_total counter',
        '  bullmq_job_completed_total{queue="imports"} 2',
        '  # HELP bullmq_job_failed_total Total number of failed jobs',
        '  # TYPE bullmq_job_failed_total counter',
        '  bullmq_job_failed_total{queue="imports"} 1',
        'alert: failed since the last check',
        '  import 3 failed after 1 attempt(s): march.xlsx is not a CSV file',
        '',
      ].join('\n'),
    );
  });

  it('the failure alert reports only jobs that failed after the last check', async () => {
    const connection = connect();
    const queue = new Queue(`alert-${Date.now()}`, { connection });
    const worker = new Worker(queue.name, async () => Promise.reject(new Error('disk full')), { connection });
    try {
      const first = await queue.add('job', {});
      await new Promise((resolve) => worker.once('failed', resolve));
      const check = (await queue.getJob(first.id!))!.finishedOn!;
      expect(await failedSince(queue, check - 1)).toEqual([`job ${first.id} failed after 1 attempt(s): disk full`]);
      expect(await failedSince(queue, check)).toEqual([]);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  });

  it('cpu-cores: an inline processor runs every job in one process, a sandboxed one in several', async () => {
    const out = await runDemo('cpu-cores');
    expect(out).toMatch(/^inline, concurrency 4: 4 jobs in \d+\.\d s, \d+\.\d s of CPU, in 1 process\(es\)$/m);
    expect(out).toMatch(/^sandboxed, concurrency 2: 4 jobs in \d+\.\d s, \d+\.\d s of CPU, in 2 process\(es\)$/m);
  });
});
