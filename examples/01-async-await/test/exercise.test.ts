// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runChecker } from '@async-lab/course-tools/run-checker';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

it('the exercise checker fails on the starter', async () => {
  const run = await runChecker(pkgDir, 'starter');
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain('✗ runs the loaders at the same time');
});

it('the exercise checker passes on the solution', async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('5 of 5 checks pass');
});

it.each([
  {
    wrong: 'hard-coded-timeout',
    fails: '✗ gives the loaders as long as timeoutMs says\n      a 300 ms loader with timeoutMs = 3000',
  },
  {
    wrong: 'race-without-abort',
    fails: '✗ tells the loaders to stop (their signal aborts) when it gives up',
  },
])('the exercise checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
  expect(run.output).toContain('1 of 5 checks fail');
});
