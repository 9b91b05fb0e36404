// SIGTERM: the active job finishes, no new job starts, connections close, the process exits 0.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { shutDownGracefully } from '../src/shutdown.ts';
import { spawnWorker } from '../src/spawn-worker.ts';
import { startWorker } from '../src/start-worker.ts';
import { openQueue } from '../src/work-queue.ts';

const { queue, close } = openQueue();
afterEach(() => queue.obliterate({ force: true }));
afterAll(close);

it('shutDownGracefully lets the active job finish, starts no other, and closes the connections', async () => {
  await queue.addBulk([1, 2].map((n) => ({ name: 'report', data: { ms: 300 }, opts: { jobId: `report-${n}` } })));
  const lines: string[] = [];
  const { worker, connections } = startWorker('worker-1', { log: (line) => lines.push(line) });
  await new Promise((resolve) => worker.once('active', resolve));

  await shutDownGracefully(worker, connections);
  expect(lines).toEqual(['worker-1 started report-1', 'worker-1 finished report-1']);
  expect(await (await queue.getJob('report-1'))?.getState()).toBe('completed');
  expect(await (await queue.getJob('report-2'))?.getState()).toBe('waiting');
  expect(connections.map((c) => c.status)).toEqual(['end']);
});

describe.runIf(process.env.REDIS_URL)(
  'a worker process (real Redis only: the test and the worker are two processes)',
  { timeout: 60_000 }, // starting Node processes is slow on a busy 2-core machine
  () => {
    it('on SIGTERM finishes its job, leaves the next one queued and exits with code 0', async () => {
      const worker = spawnWorker('worker-1');
      await worker.waitFor('ready');
      await queue.addBulk([1, 2].map((n) => ({ name: 'report', data: { ms: 500 }, opts: { jobId: `report-${n}` } })));
      await worker.waitFor('started report-1');
      worker.child.kill('SIGTERM');

      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(worker.lines).toEqual([
        'worker-1 ready',
        'worker-1 started report-1',
        'worker-1 got SIGTERM: finishing active jobs, taking no new ones',
        'worker-1 finished report-1',
        'worker-1 closed its connections and exits',
      ]);
      expect(await (await queue.getJob('report-1'))?.getState()).toBe('completed');
      expect(await (await queue.getJob('report-2'))?.getState()).toBe('waiting');
    });
  },
);

it(
  'a worker process started by a demo or test stops when its parent goes away (its stdin closes)',
  { timeout: 60_000 },
  async () => {
    const worker = spawnWorker('worker-1');
    await worker.waitFor('ready');
    worker.child.stdin?.end(); // what the OS does when the parent dies, even by SIGKILL
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.lines.slice(1)).toEqual([
      'worker-1 got end of stdin (the parent is gone): finishing active jobs, taking no new ones',
      'worker-1 closed its connections and exits',
    ]);
  },
);
