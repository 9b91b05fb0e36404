// The rate-limit exercise's checker must fail on the starter and on plausible wrong solutions
// (test/wrong-solutions/), each for the right reason, and pass on the solution, on both Redis backends.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecker } from '../../course-tools/src/run-checker.ts';
import { onceAcrossBackends } from '@async-lab/course-tools/testing/test-backend';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const exercise = 'rate-limit';

describe('exercise: a rate-limited worker', { timeout: 90_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter', { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain('Checking exercise/starter with exercise/rate-limit.check.test.ts');
    expect(run.output).toContain('3 of 3 checks fail');
  });

  it('the checker passes on the solution', async () => {
    const run = await runChecker(pkgDir, 'solution', { exercise });
    expect(run.passed, run.output).toBe(true);
  });

  // Wrong solutions: in the in-memory pass only (onceAcrossBackends).
  it.runIf(onceAcrossBackends()).each([
    {
      wrong: 'no-limiter',
      fails:
        '✗ sends at most 2 e-mails per second, from two workers together\n' +
        '      the most e-mails taken within 0.9 s: expected 2, got ',
    },
    {
      wrong: 'sleep-instead-of-pause',
      fails:
        '✗ on a 429, pauses the whole queue: an idle worker does not send either until the pause is over\n' +
        "      e-mails sent during the 1 s the provider asked for: expected [], got [ 'next@x.test' ]",
    },
    {
      wrong: 'pause-without-throw',
      fails:
        '✗ on a 429, sends the e-mail later without using up an attempt (the job has only one)\n' +
        "      e-mails the provider accepted (the job must not complete without sending): expected [ 'busy@x.test' ], got []",
    },
  ])('the checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` }, { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
