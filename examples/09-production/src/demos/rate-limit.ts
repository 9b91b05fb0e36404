// A rate limit, e.g. an e-mail provider that accepts 2 messages per second. BullMQ keeps the limit
// in Redis, so it holds for all workers of the queue together, on any number of machines.
// Run: npm run demo:rate-limit
import { describeBackend } from '../backend.ts';
import { shutDownGracefully } from '../shutdown.ts';
import { startWorker } from '../start-worker.ts';
import { openQueue } from '../work-queue.ts';

const limiter = { max: 2, duration: 1000 };
console.log(`Redis: ${describeBackend()}`);
console.log(`Limit: at most ${limiter.max} jobs per ${limiter.duration} ms, shared by worker-1 and worker-2`);
const { queue, close } = openQueue();
await queue.obliterate({ force: true });

const workers = ['worker-1', 'worker-2'].map((name) => startWorker(name, { limiter }));
await queue.addBulk(
  [1, 2, 3, 4, 5, 6].map((n) => ({ name: 'report', data: { ms: 10 }, opts: { jobId: `report-${n}` } })),
);
while ((await queue.getCompletedCount()) < 6) await new Promise((resolve) => setTimeout(resolve, 50));

// When did each job start, counted in limiter windows from the first one? (Rounded: timers jitter.)
const jobs = await queue.getJobs(['completed']);
const first = Math.min(...jobs.map((job) => job.processedOn ?? 0));
const windows = new Map<number, string[]>();
for (const job of jobs) {
  const window = Math.round(((job.processedOn ?? 0) - first) / limiter.duration);
  windows.set(window, [...(windows.get(window) ?? []), job.id ?? '?']);
}
for (const [window, ids] of [...windows].sort(([a], [b]) => a - b)) {
  console.log(`  window ${window + 1} (from ${window * limiter.duration} ms): ${ids.sort().join(', ')}`);
}

await Promise.all(workers.map((w) => shutDownGracefully(w.worker, w.connections)));
await queue.obliterate({ force: true });
await close();
