// Benchmark (a script, not a test): how long the first job takes after a fresh process connects, in-memory
// and on a real redis-server in the same run. Usage (in examples/): node memory-redis/scripts/first-job.ts
// Each measurement runs in a child process of its own, so nothing (compiled scripts, JIT) carries over.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { createConnection } from '../src/index.ts';
import { realRedisUnavailableReason, startRealRedis } from '../../tools/redis-server.ts';

const RUNS = 5;

if (process.argv[2] === '--child') {
  const connection = createConnection({ url: process.argv[3]! });
  const queue = new Queue(`first-job-${process.pid}`, { connection });
  await queue.waitUntilReady();
  const t0 = performance.now();
  await queue.add('first', { n: 1 });
  const first = performance.now() - t0;
  const t1 = performance.now();
  await queue.add('second', { n: 2 });
  const second = performance.now() - t1;
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  console.log(JSON.stringify({ first, second }));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const measure = (url: string) => {
  const runs = Array.from({ length: RUNS }, () => {
    const child = spawnSync(process.execPath, [self, '--child', url], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as { first: number; second: number };
  });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { first: median(runs.map((r) => r.first)), second: median(runs.map((r) => r.second)) };
};

const reason = realRedisUnavailableReason();
const real = reason ? undefined : await startRealRedis();
const memory = measure('memory');
const redis = real ? measure(real.url) : undefined;
await real?.stop();
console.log(`first queue.add() after connect, median of ${RUNS} fresh processes (target: <= 50 ms in memory)`);
console.log(`  memory: first ${memory.first.toFixed(1)} ms, second ${memory.second.toFixed(1)} ms`);
if (redis) console.log(`  redis:  first ${redis.first.toFixed(1)} ms, second ${redis.second.toFixed(1)} ms`);
