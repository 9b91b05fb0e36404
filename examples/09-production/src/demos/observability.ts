// What a queue can tell you while it runs: the log lines a job writes (job.log), how many jobs are in each
// state, metrics kept by the workers (getMetrics, and the Prometheus text export), and new failures to alert on.
// Run: npm run demo:observability
import { MetricsTime, Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { connect } from '../connection.ts';
import { failedSince } from '../failed-jobs-alert.ts';

interface ImportJob {
  file: string;
  rows: number;
}

async function importRows(job: Job<ImportJob>): Promise<number> {
  await job.log(`reading ${job.data.file}`); // kept with the job in Redis, for whoever looks at it later
  if (!job.data.file.endsWith('.csv')) throw new UnrecoverableError(`${job.data.file} is not a CSV file`);
  await job.log(`imported ${job.data.rows} rows`);
  return job.data.rows;
}

const connection = connect();
const queue = new Queue<ImportJob>('imports', { connection });
await queue.obliterate({ force: true }); // start from an empty queue, even on a real Redis
const queueEvents = new QueueEvents('imports', { connection });
await queueEvents.waitUntilReady();
// metrics: the workers count completed and failed jobs per minute, in Redis, for two weeks.
const worker = new Worker<ImportJob>('imports', importRows, {
  connection,
  metrics: { maxDataPoints: MetricsTime.TWO_WEEKS },
});

const lastCheck = Date.now();
const jobs = await queue.addBulk(
  [
    { file: 'january.csv', rows: 120 },
    { file: 'february.csv', rows: 98 },
    { file: 'march.xlsx', rows: 0 },
  ].map((data) => ({ name: 'import', data })),
);
await Promise.allSettled(jobs.map((job) => job.waitUntilFinished(queueEvents)));

console.log('job.log: what each job wrote');
for (const job of jobs) {
  const { logs } = await queue.getJobLogs(job.id!);
  console.log(`  job ${job.id}: ${logs.join(' | ')}`);
}

console.log('getJobCounts:', JSON.stringify(await queue.getJobCounts('waiting', 'active', 'completed', 'failed')));

const completed = await queue.getMetrics('completed');
const failed = await queue.getMetrics('failed');
console.log(`getMetrics: ${completed.meta.count} completed, ${failed.meta.count} failed so far`);

console.log('exportPrometheusMetrics (for a dashboard and alert rules):');
const prometheus = await queue.exportPrometheusMetrics();
for (const line of prometheus.split('\n').filter((l) => l.includes('_total'))) console.log(`  ${line}`);

console.log('alert: failed since the last check');
for (const line of await failedSince(queue, lastCheck)) console.log(`  ${line}`);

await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
