// The order-flow exercise's checker (a flow whose parent sends a notice, success or failure) must fail on the
// starter and on plausible wrong solutions (test/wrong-solutions/), each for the right reason, and pass on the
// solution, on both Redis backends.
import { fileURLToPath } from 'node:url';
import { runChecker } from '@async-lab/course-tools/run-checker';
import { onceAcrossBackends } from '@async-lab/course-tools/testing/test-backend';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const exercise = 'order-flow';
const failedForGood = '✗ still sends a notice when the charge fails for good, with the reason\n      ';

describe('exercise: a flow with a failure notice', { timeout: 90_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter', { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain('2 of 3 checks fail');
  });

  it('the checker passes on the solution', async () => {
    const run = await runChecker(pkgDir, 'solution', { exercise });
    expect(run.passed, run.output).toBe(true);
  });

  // Wrong solutions: in the in-memory pass only (onceAcrossBackends).
  it.runIf(onceAcrossBackends()).each([
    {
      wrong: 'waits-for-ever',
      fails: `${failedForGood}state of the notice job after the charge failed for good: expected 'completed', got 'waiting-children'`,
    },
    {
      wrong: 'fails-the-parent',
      fails: `${failedForGood}state of the notice job after the charge failed for good: expected 'completed', got 'failed'`,
    },
    {
      wrong: 'always-paid',
      fails: `${failedForGood}the notice should give the reason: expected a string matching /card declined/, got 'Order o-3 is paid (receipt undefined).'`,
    },
  ])('the checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` }, { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
