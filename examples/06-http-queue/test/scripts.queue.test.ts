import { describe, expect, it } from 'vitest';
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript, startScript } = packageScripts(new URL('..', import.meta.url));

describe('the scripts', () => {
  it('npm run demo: 202 with a task id, 400s with messages, then the result', async () => {
    const run = await runScript('src/demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'POST /add {"x":2,"y":3} → 202 {"taskId":"1"}',
      'POST /add {"x":2,"y":"three"} → 400 body/y must be integer',
      'POST /add {"x":2} → 400 body must have required property \'y\'',
      'task 1 finished when the response came back? false',
      'task 1 result from the worker: 5',
      '',
    ]);
    expect(run.code).toBe(0);
  });

  it('npm start: a real HTTP server with the worker in the same process; SIGTERM stops it cleanly', async () => {
    const server = startScript('src/server.ts', { PORT: '0' });
    try {
      const [, address] = await server.waitForLine(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      const response = await fetch(`${address}/add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ x: 2, y: 3 }),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ taskId: '1' });
      await server.waitForLine(/^worker: task 1 add\(2, 3\) = 5$/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.lines.at(-1)).toBe('stopped');
    expect(server.stderr()).toBe('');
  });

  it('npm run demo:two-processes: the worker runs in a child process (needs a real Redis)', async () => {
    const run = await runScript('src/two-processes-demo.ts');
    if (process.env.REDIS_URL) {
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')).toEqual([
        '  [worker process] worker waiting for jobs on queue "add"',
        '[api process] POST /add {"x":2,"y":3} → 202 {"taskId":"1"}',
        '  [worker process] task 1: add(2, 3) = 5',
        '[api process] task 1 in Redis: completed, result 5',
        '  [worker process] worker stopped',
        '',
      ]);
      expect(run.code).toBe(0);
    } else {
      // On the in-memory Redis each process has its own data, so the demo explains that and stops.
      expect(run.stderr).toContain('This demo needs a real Redis');
      expect(run.stderr).toContain('REDIS_URL=redis://127.0.0.1:6379 npm run demo:two-processes');
      expect(run.code).toBe(1);
    }
  });
});
