// The reminders exercise's checker (a job scheduler with an end) must fail on the starter and on plausible wrong
// solutions (test/wrong-solutions/), each for the right reason, and pass on the solution, on both Redis backends.
import { fileURLToPath } from 'node:url';
import { runChecker } from '@async-lab/course-tools/run-checker';
import { onceAcrossBackends } from '@async-lab/course-tools/testing/test-backend';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const exercise = 'reminders';

describe('exercise: reminders that stop by themselves', { timeout: 90_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter', { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain('3 of 3 checks fail');
  });

  it('the checker passes on the solution', async () => {
    const run = await runChecker(pkgDir, 'solution', { exercise });
    expect(run.passed, run.output).toBe(true);
  });

  // Wrong solutions: in the in-memory pass only (onceAcrossBackends).
  it.runIf(onceAcrossBackends()).each([
    {
      wrong: 'new-id-each-time',
      fails:
        '✗ keeps one scheduler per user, however often it is called\n' +
        '      job schedulers after three calls for ada and one for bob: expected 2, got ',
    },
    {
      wrong: 'never-ends',
      fails:
        '✗ sends `times` reminders, to the right user, then stops\n' +
        "      reminders sent with times: 3, every 100 ms, within 0.8 s after the third: expected [ 'ada', 'ada', 'ada' ], got [ 'ada', 'ada', 'ada', '…and more' ]",
    },
    {
      wrong: 'limit-only',
      fails:
        '✗ stops scheduling reminders at `until`\n' +
        "      reminders due more than one interval (100 ms) after the end date: expected 'none', got 'some'",
    },
  ])('the checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` }, { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
