// The challenge's checker must fail on the starter and on plausible wrong services (test/wrong-solutions/), each
// for the right reason, and pass on the reference service, on both Redis backends.
import { fileURLToPath } from 'node:url';
import { runChecker } from '@async-lab/course-tools/run-checker';
import { onceAcrossBackends } from '@async-lab/course-tools/testing/test-backend';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

describe('the final challenge', { timeout: 90_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter');
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain('7 of 7 checks fail');
  });

  it('the checker passes on the reference service', async () => {
    const run = await runChecker(pkgDir, 'solution');
    expect(run.passed, run.output).toBe(true);
  });

  // Wrong solutions: in the in-memory pass only (onceAcrossBackends).
  it.runIf(onceAcrossBackends()).each([
    {
      wrong: 'unnamed-events',
      fails:
        '✗ streams progress and the result as named Server-Sent Events\n' +
        `      the data of the completed event: expected { count: 1000, sum: 499500, mean: 499.5 }, got 'no "completed" event within 5 s'`,
    },
    {
      wrong: 'no-idempotency',
      fails:
        '✗ gives the same id for the same Idempotency-Key, and queues the work once\n' +
        '      id of the repeated submission: expected ',
    },
    {
      wrong: 'waits-for-the-result',
      fails:
        '✗ POST /stats queues the numbers and answers 202 with an id\n' +
        '      status code (202: queued, not done): expected 202, got 200',
    },
  ])('the checker fails the wrong service $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
