// Moves CPU work to another thread: the event loop only awaits a message, so it stays free.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export async function burnCpuInWorkerThread(ms: number): Promise<number> {
  const worker = new Worker(new URL('./burn-cpu-worker.ts', import.meta.url), { workerData: ms });
  const [rounds] = (await once(worker, 'message')) as [number];
  await worker.terminate();
  return rounds;
}
