// A sandboxed processor: BullMQ runs this file in child processes of its own (one per concurrent job), so
// CPU-bound jobs get a core each instead of sharing the worker's one event loop.
import type { SandboxedJob } from 'bullmq';
import { countPrimes } from './cpu-work.ts';

export default async function (job: SandboxedJob<{ below: number }>) {
  const cpu = process.cpuUsage();
  const primes = countPrimes(job.data.below);
  const { user, system } = process.cpuUsage(cpu);
  return { primes, pid: process.pid, cpuMs: (user + system) / 1000 };
}
