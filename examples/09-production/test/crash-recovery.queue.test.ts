// What happens to a job when the process running it dies. Real Redis only: the in-memory Redis lives
// inside one process, so a worker in another process cannot reach it, and killing its process kills it.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess } from '../src/spawn-worker.ts';
import { waitForState } from '../src/wait-for-state.ts';
import { FAST_STALL_CHECK_ENV, openQueue } from '../src/work-queue.ts';

describe.runIf(process.env.REDIS_URL)(
  'crashed workers (real Redis only: needs several processes)',
  { timeout: 60_000 },
  () => {
    const { queue, close } = openQueue();
    const started: WorkerProcess[] = [];
    const worker = (name: string) => {
      const p = spawnWorker(name, FAST_STALL_CHECK_ENV);
      started.push(p);
      return p;
    };
    afterEach(async () => {
      for (const p of started.splice(0))
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await queue.obliterate({ force: true });
    });
    afterAll(close);

    it('a job whose worker was killed with SIGKILL mid-job is completed by another worker', async () => {
      const first = worker('worker-1');
      await first.waitFor('ready');
      await queue.add('report', { ms: 1000 }, { jobId: 'report-1' });
      await first.waitFor('started report-1');
      first.child.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await (await queue.getJob('report-1'))?.getState(), 'the dead worker left its job active').toBe('active');

      worker('worker-2');
      const job = await waitForState(queue, 'report-1', 'completed');
      expect(job.returnvalue).toEqual({ worker: 'worker-2' });
      expect(job.stalledCounter).toBe(1);
    });

    it('a job that crashes every worker that takes it ends failed after maxStalledCount', async () => {
      await queue.add('report', { ms: 100, crash: true }, { jobId: 'poison-1' });
      const failed = waitForState(queue, 'poison-1', 'failed');
      let crashed = 0;
      for (let n = 1; n <= 4; n++) {
        const p = worker(`worker-${n}`);
        const ended = await Promise.race([p.exited, failed.then(() => undefined)]);
        if (!ended) break;
        expect(ended.signal).toBe('SIGKILL');
        crashed += 1;
      }
      const job = await failed;
      expect(job.failedReason).toBe('job stalled more than allowable limit');
      expect(crashed, 'maxStalledCount 1: the first crash is forgiven, the second fails the job').toBe(2);
    });
  },
);
