// The reconnect-and-cancel demo the lesson shows, run as `npm run demo:reconnect` would run it.
import { describe, expect, it } from 'vitest';
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';

const { runScript } = packageScripts(new URL('..', import.meta.url));

describe('npm run demo:reconnect', () => {
  it('resumes after a dropped connection with Last-Event-ID, then cancels a waiting and a running task', async () => {
    const run = await runScript('src/reconnect-demo.ts');
    expect(run.stderr).toBe('');
    const ids = [...run.stdout.matchAll(/\(id (\d+-\d+)\)/g)].map((m) => m[1]);
    expect(new Set(ids).size, 'every event id once').toBe(ids.length);
    expect(run.stdout.replace(/\d+-\d+/g, '<id>')).toBe(
      [
        '— a dropped connection',
        '  task 1: waiting',
        '  task 1: active  (id <id>)',
        '  task 1: progress 25%  (id <id>)',
        '  … connection lost; reconnecting with Last-Event-ID: <id>',
        '  task 1: progress 50%  (id <id>)',
        '  task 1: progress 75%  (id <id>)',
        '  task 1: progress 100%  (id <id>)',
        '  task 1: completed, result 5  (id <id>)',
        '— cancelling',
        '  POST /tasks/2/cancel → 202 {"status":"cancelled"}',
        '  task 3: waiting',
        '  task 3: active  (id <id>)',
        '  POST /tasks/3/cancel → 202 {"status":"cancelling"}',
        '  task 3: failed: cancelled by the user  (id <id>)',
        '',
      ].join('\n'),
    );
  });
});
