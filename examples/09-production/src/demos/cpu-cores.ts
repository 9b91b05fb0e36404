// Four CPU-bound jobs. With an inline processor they share the worker's one event loop, so concurrency 4
// still uses one core. With a sandboxed processor each runs in a child process: several cores at once.
// CPU time above the wall-clock time means more than one core was working at the same moment.
// Run: npm run demo:cpu-cores
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { connect } from '../connection.ts';
import { countPrimes } from '../cpu-work.ts';

const connection = connect();
const jobs = 4;
const below = 3_000_000;

async function run(label: string, processor: string | URL | ((job: Job) => Promise<unknown>), concurrency: number) {
  const name = `cpu-${label}`;
  const queue = new Queue(name, { connection });
  await queue.obliterate({ force: true }); // start from an empty queue, even on a real Redis
  const queueEvents = new QueueEvents(name, { connection });
  await queueEvents.waitUntilReady();
  const worker = new Worker(name, processor, { connection, concurrency });
  const started = performance.now();
  const added = await queue.addBulk(Array.from({ length: jobs }, () => ({ name: 'primes', data: { below } })));
  const results = await Promise.all(added.map((job) => job.waitUntilFinished(queueEvents)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const processes = new Set(results.map((result) => result.pid)).size;
  const cpuSeconds = (results.reduce((sum, result) => sum + result.cpuMs, 0) / 1000).toFixed(1);
  console.log(
    `${label}, concurrency ${concurrency}: ${jobs} jobs in ${seconds} s, ${cpuSeconds} s of CPU, in ${processes} process(es)`,
  );
  await worker.close();
  await queueEvents.close();
  await queue.close();
}

await run(
  'inline',
  async (job) => {
    const cpu = process.cpuUsage();
    const primes = countPrimes(job.data.below);
    const { user, system } = process.cpuUsage(cpu);
    return { primes, pid: process.pid, cpuMs: (user + system) / 1000 };
  },
  4,
);
const sandboxed = new URL('../cpu-processor.ts', import.meta.url);
await run('sandboxed', sandboxed, 2);
await connection.quit();
