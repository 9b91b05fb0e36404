// The demos' output is shown in the lessons, so each must keep telling its story, on either Redis.
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';
import { describe, expect, it } from 'vitest';

const { runScript } = packageScripts(new URL('..', import.meta.url));
const realRedis = Boolean(process.env.REDIS_URL);

async function runDemo(name: string, ...args: string[]): Promise<string> {
  const run = await runScript(`src/demos/${name}.ts`, {}, args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

// Each demo is a fresh Node process (some start more): slow on a busy 2-core machine.
describe('demos', { timeout: 120_000 }, () => {
  it('share-work: every worker takes a share', async () => {
    const out = await runDemo('share-work', '2');
    expect(out).toContain(realRedis ? 'Starting 2 worker processes' : 'Starting 2 workers in this process');
    expect(out).toContain('All 8 jobs done. Who did what:');
    expect(out).toMatch(/worker-1 +█+ +\d jobs/);
    expect(out).toMatch(/worker-2 +█+ +\d jobs/);
  });

  it('graceful-shutdown: the active job finishes, the rest stay queued, the process exits 0', async () => {
    const out = await runDemo('graceful-shutdown'); // runDemo fails on a non-zero exit code
    expect(out).toContain(
      '  worker-1 started report-1\nSIGTERM: stop taking jobs, let the active one finish\n  worker-1 finished report-1\n',
    );
    expect(out).toContain('Still queued for the next worker: report-2, report-3');
  });

  it('rate-limit: two jobs per window', async () => {
    const out = await runDemo('rate-limit');
    expect(out).toContain('window 1 (from 0 ms): report-1, report-2\n');
    expect(out).toContain('window 2 (from 1000 ms): report-3, report-4\n');
    expect(out).toContain('window 3 (from 2000 ms): report-5, report-6\n');
  });

  it('idempotency: the same job id charges once', async () => {
    const out = await runDemo('idempotency');
    expect(out).toContain('jobs in the queue: 1 (the second add found the id and changed nothing)');
    expect(out).toContain('jobs: 1, order 42 charged 1 time');
    expect(out).toContain('order 43 charged 2 times');
  });

  it.each(['crash-recovery', 'poison-job'])(
    '%s: runs on a real Redis, explains itself on the in-memory one',
    async (demo) => {
      const out = await runDemo(demo);
      if (!realRedis) return expect(out).toContain('This demo needs a real Redis shared by several processes.');
      if (demo === 'crash-recovery')
        expect(out).toContain('report-1 completed by worker-2; it stalled 1 time and was not lost');
      else expect(out).toContain('poison-1 failed after crashing 2 workers: "job stalled more than allowable limit"');
    },
  );
});
