// Benchmark (a script, not a test): BullMQ add and process throughput on the in-memory client and on a
// real redis-server in the same run. Usage (in examples/): npm run bench [-- --sizes 2000,20000] [--warm-up 1000]
//
// Each backend first runs an untimed warm-up round (--warm-up jobs, 0 for none), so every figure is a steady
// rate: without it the first timed window also paid for V8 compiling fengari and BullMQ's client code, and
// the real-Redis run after it found BullMQ's code already compiled. What a cold start costs is measured on its
// own (scripts/first-job.ts: the first job after connecting).
//
// Wall-clock rates depend on how busy the machine is. CPU time (this process plus, for real Redis, the
// server process) does not, so both are reported: on a shared machine a separate redis-server process gets
// its own share of the CPUs while the in-memory server shares our thread, which skews wall-clock ratios.
import { loadavg } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createConnection } from '../src/index.ts';
import { realRedisUnavailableReason, startRealRedis } from '../../tools/redis-server.ts';

const CHUNK = 1000;
const CONCURRENCY = 10;
const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [2_000, 20_000];
const warmUpArg = process.argv.indexOf('--warm-up');
const WARM_UP = warmUpArg > 0 ? Number(process.argv[warmUpArg + 1]) : 1_000;

type Rates = { add: number; process: number };
type Result = { backend: string; jobs: number; wall: Rates; cpu: Rates };

async function cpuSeconds(connection: Redis, backend: string): Promise<number> {
  const own = process.cpuUsage();
  let server = 0;
  if (backend === 'redis') {
    const info = await connection.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    server = field('used_cpu_user') + field('used_cpu_sys');
  }
  return (own.user + own.system) / 1e6 + server;
}

async function measure(backend: string, connection: Redis, jobs: number): Promise<Result> {
  const name = `bench-${backend}-${jobs}-${Date.now()}`;
  const queue = new Queue(name, { connection });
  await queue.waitUntilReady();
  const cpu0 = await cpuSeconds(connection, backend);
  const t0 = performance.now();
  for (let i = 0; i < jobs; i += CHUNK) {
    const size = Math.min(CHUNK, jobs - i);
    await queue.addBulk(Array.from({ length: size }, (_, k) => ({ name: 'trivial', data: { i: i + k } })));
  }
  const t1 = performance.now();
  const cpu1 = await cpuSeconds(connection, backend);

  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const t2 = performance.now();
  const worker = new Worker(name, async (job) => job.data.i, { connection, concurrency: CONCURRENCY });
  worker.on('completed', () => ++done === jobs && finish());
  worker.on('failed', (_job, error) => console.error(`job failed: ${error.message}`));
  await finished;
  const t3 = performance.now();
  const cpu2 = await cpuSeconds(connection, backend);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return {
    backend,
    jobs,
    wall: { add: (jobs / (t1 - t0)) * 1000, process: (jobs / (t3 - t2)) * 1000 },
    cpu: { add: jobs / (cpu1 - cpu0), process: jobs / (cpu2 - cpu1) },
  };
}

const results: Result[] = [];
const reason = realRedisUnavailableReason();
const real = reason ? undefined : await startRealRedis();
if (reason) console.warn(`!! real Redis unavailable, in-memory figures only: ${reason}`);

if (WARM_UP > 0) {
  const memory = createConnection({ url: 'memory' });
  await measure('memory', memory, WARM_UP);
  memory.disconnect();
  if (real) {
    const redis = createConnection({ url: real.url });
    await measure('redis', redis, WARM_UP);
    redis.disconnect();
  }
}

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

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
const find = (backend: string, jobs: number) => results.find((r) => r.backend === backend && r.jobs === jobs);
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
const times = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

console.log(
  `\nBullMQ, ${CONCURRENCY}-way worker, trivial jobs, addBulk in chunks of ${CHUNK}, after ${WARM_UP} untimed`,
);
console.log(`node ${process.version}, 1-minute load average ${loadavg()[0]!.toFixed(1)}`);
console.log('                    --- wall clock (jobs/s) ---   --- per CPU-second ---');
console.log('backend      jobs         add    process             add    process');
for (const r of results) {
  const cells = [r.wall.add, r.wall.process, r.cpu.add, r.cpu.process].map(fmt);
  console.log(
    `${r.backend.padEnd(7)} ${String(r.jobs).padStart(6)}   ${cells[0]}  ${cells[1]}       ${cells[2]}  ${cells[3]}`,
  );
}
console.log('\nin-memory as a share of real Redis (target: >= 50 %)');
for (const jobs of SIZES) {
  const m = find('memory', jobs);
  const r = find('redis', jobs);
  if (!m || !r) continue;
  console.log(
    `  ${jobs} jobs: wall clock add ${pct(m.wall.add, r.wall.add)}, process ${pct(m.wall.process, r.wall.process)}; ` +
      `per CPU-second add ${pct(m.cpu.add, r.cpu.add)}, process ${pct(m.cpu.process, r.cpu.process)}`,
  );
}
const [small, large] = [SIZES[0]!, SIZES[SIZES.length - 1]!];
console.log(`\ntime per job at ${large} vs ${small} jobs (target: <= 1.5x)`);
for (const backend of ['memory', 'redis']) {
  const s = find(backend, small);
  const l = find(backend, large);
  if (!s || !l || s === l) continue;
  console.log(
    `  ${backend}: wall clock add ${times(s.wall.add, l.wall.add)}, process ${times(s.wall.process, l.wall.process)}; ` +
      `per CPU-second add ${times(s.cpu.add, l.cpu.add)}, process ${times(s.cpu.process, l.cpu.process)}`,
  );
}
