// Benchmark (a script, not a test): BullMQ add and process throughput on the in-memory client and on a
// real redis-server in the same run. Usage (in examples/): npm run bench [-- --sizes 2000,20000]
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createConnection } from '../src/index.ts';
import { realRedisUnavailableReason, startRealRedis } from '../../tools/redis-server.ts';

const CHUNK = 1000;
const CONCURRENCY = 10;
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [2_000, 20_000];

type Result = { backend: string; jobs: number; addPerSec: number; processPerSec: number };

async function measure(backend: string, connection: Redis, jobs: number): Promise<Result> {
  const name = `bench-${backend}-${jobs}-${Date.now()}`;
  const queue = new Queue(name, { connection });
  await queue.waitUntilReady();
  const addStart = performance.now();
  for (let i = 0; i < jobs; i += CHUNK) {
    const size = Math.min(CHUNK, jobs - i);
    await queue.addBulk(Array.from({ length: size }, (_, k) => ({ name: 'trivial', data: { i: i + k } })));
  }
  const addMs = performance.now() - addStart;

  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const processStart = performance.now();
  const worker = new Worker(name, async (job) => job.data.i, { connection, concurrency: CONCURRENCY });
  worker.on('completed', () => ++done === jobs && finish());
  worker.on('failed', (_job, error) => console.error(`job failed: ${error.message}`));
  await finished;
  const processMs = performance.now() - processStart;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { backend, jobs, addPerSec: (jobs / addMs) * 1000, processPerSec: (jobs / processMs) * 1000 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
const results: Result[] = [];

const reason = realRedisUnavailableReason();
const real = reason ? undefined : await startRealRedis();
if (reason) console.warn(`!! real Redis unavailable, in-memory figures only: ${reason}`);

for (const jobs of SIZES) {
  const memory = createConnection({ url: 'memory' });
  results.push(await measure('memory', memory, jobs));
  memory.disconnect();
  if (real) {
    const redis = createConnection({ url: real.url });
    results.push(await measure('redis', redis, jobs));
    redis.disconnect();
  }
}
await real?.stop();

console.log(
  `\nBullMQ ${CONCURRENCY}-way worker, trivial jobs, addBulk in chunks of ${CHUNK} (node ${process.version})`,
);
console.log('backend      jobs   add jobs/s  process jobs/s');
for (const r of results) {
  console.log(`${r.backend.padEnd(7)} ${String(r.jobs).padStart(8)} ${fmt(r.addPerSec)}   ${fmt(r.processPerSec)}`);
}
const find = (backend: string, jobs: number) => results.find((r) => r.backend === backend && r.jobs === jobs);
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
console.log('\nmemory vs real Redis (target: >= 25 %)');
for (const jobs of SIZES) {
  const m = find('memory', jobs);
  const r = find('redis', jobs);
  if (m && r)
    console.log(
      `  ${jobs} jobs: add ${pct(m.addPerSec, r.addPerSec)}, process ${pct(m.processPerSec, r.processPerSec)}`,
    );
}
const [small, large] = [SIZES[0]!, SIZES[SIZES.length - 1]!];
console.log(`\nper-job time, ${large} vs ${small} jobs (target: <= 1.5x)`);
for (const backend of ['memory', 'redis']) {
  const s = find(backend, small);
  const l = find(backend, large);
  if (s && l && s !== l) {
    console.log(
      `  ${backend}: add ${(s.addPerSec / l.addPerSec).toFixed(2)}x, process ${(s.processPerSec / l.processPerSec).toFixed(2)}x`,
    );
  }
}
