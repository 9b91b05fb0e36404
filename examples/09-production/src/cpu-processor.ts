// A sandboxed processor: BullMQ runs this file in child processes of its own (one per concurrent job), so
// CPU-bound jobs get a core each instead of sharing the worker's one event loop.
import type { SandboxedJob } from 'bullmq';
import { countPrimes } from './cpu-work.ts';

export default async function (job: SandboxedJob<{ below: number }>) {
  return { primes: countPrimes(job.data.below), pid: process.pid };
}
