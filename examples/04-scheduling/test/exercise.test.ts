// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runChecker } from '@async-lab/course-tools/run-checker';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

it('the exercise checker fails on the starter', async () => {
  const run = await runChecker(pkgDir, 'starter');
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain('✗ never runs two digests at the same time');
});

it('the exercise checker passes on the solution', async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('4 of 4 checks pass');
});

it.each([
  {
    wrong: 'no-protect',
    fails: '✗ never runs two digests at the same time\n      digests running at the same moment: expected 1, got 3',
  },
  {
    wrong: 'starts-at-once',
    fails:
      '✗ sends nothing before the server is ready\n      digests sent in the minute before app.ready(): expected 0, got 6',
  },
])('the exercise checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
});
