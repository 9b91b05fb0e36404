// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runChecker } from '@async-lab/course-tools/run-checker';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

it('the exercise checker fails on the starter', async () => {
  const run = await runChecker(pkgDir, 'starter');
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain('✗ fetches all days at the same time');
});

it('the exercise checker passes on the solution', async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('8 of 8 checks pass');
});

it.each([
  {
    wrong: 'number-not-integer',
    fails:
      '✗ rejects days=2.5 (not an integer) with 400, without calling the weather service\n      status code for /forecast?city=Paris&days=2.5: expected 400, got 200',
  },
  {
    wrong: 'one-by-one',
    fails:
      '✗ fetches all days at the same time\n      lookups running at once for days=5 (one by one gives 1): expected 5, got 1',
  },
])('the exercise checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
});
