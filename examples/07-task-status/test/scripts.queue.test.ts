import { describe, expect, it } from 'vitest';
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript, startScript } = packageScripts(new URL('..', import.meta.url));

const notFound =
  'No task with id \\"no-such-task\\". Use the taskId that POST /add returned; finished tasks may have been removed.';

describe('the scripts', () => {
  it('npm run demo: follows a completed and a failed task, then asks for their status', async () => {
    const run = await runScript('src/demo.ts');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'POST /add {"x":2,"y":3} → task 1',
      '  task 1: waiting',
      '  task 1: active',
      '  task 1: progress 25%',
      '  task 1: progress 50%',
      '  task 1: progress 75%',
      '  task 1: progress 100%',
      '  task 1: completed, result 5',
      'POST /add {"x":600,"y":700} → task 2',
      '  task 2: waiting',
      '  task 2: active',
      '  task 2: progress 25%',
      '  task 2: progress 50%',
      '  task 2: progress 75%',
      "  task 2: failed: the sum 1300 is over this worker's limit of 1000",
      'GET /task-status/1 → 200 {"id":"1","status":"completed","result":5,"progress":100,"failedReason":null}',
      'GET /task-status/2 → 200 {"id":"2","status":"failed","result":null,"progress":75,' +
        '"failedReason":"the sum 1300 is over this worker\'s limit of 1000"}',
      `GET /task-status/no-such-task → 404 {"statusCode":404,"error":"Not Found","message":"${notFound}"}`,
      '',
    ]);
    expect(run.code).toBe(0);
  });

  it('npm start + npm run client: the client follows its task over HTTP to the end', async () => {
    const server = startScript('src/server.ts', { PORT: '0' });
    try {
      const [, address] = await server.waitForLine(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      const completed = await runScript('src/client.ts', { API_URL: address! }, ['2', '3']);
      expect(completed.stdout.split('\n').at(0)).toBe('POST /add {"x":2,"y":3} → task 1');
      // The client connects while the worker may already be busy: the first event is wherever the task is.
      expect(completed.stdout.split('\n').slice(-3)).toEqual([
        '  task 1: progress 100%',
        '  task 1: completed, result 5',
        '',
      ]);
      expect(completed.code).toBe(0);

      const failed = await runScript('src/client.ts', { API_URL: address! }, ['600', '700']);
      expect(failed.stdout).toContain("  task 2: failed: the sum 1300 is over this worker's limit of 1000\n");
      expect(failed.code).toBe(1);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.lines.at(-1)).toBe('stopped');
  });

  it('npm run client with bad numbers says how to call it', async () => {
    const run = await runScript('src/client.ts', {}, ['2', 'three']);
    expect(run.stderr).toBe('usage: npm run client -- <x> <y>   (two integers, e.g. npm run client -- 2 3)\n');
    expect(run.code).toBe(1);
  });

  it('npm run client without a server says what to do', async () => {
    const run = await runScript('src/client.ts', { API_URL: 'http://127.0.0.1:1' });
    expect(run.stderr).toBe('client: cannot reach http://127.0.0.1:1 (is `npm start` running?)\n');
    expect(run.code).toBe(1);
  });
});
