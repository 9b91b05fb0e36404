// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution and on right ones written differently
// (test/other-solutions/): or it has stopped checking, or checks the spelling instead of the behaviour.
// (Named *.queue.test.ts because the checker runs real BullMQ jobs: it runs on both Redis backends.
// Each run of the checker is two more processes (it and the check file), so it gets more time than the default.)
import { fileURLToPath } from 'node:url';
import { runChecker } from '@async-lab/course-tools/run-checker';
import { onceAcrossBackends } from '@async-lab/course-tools/testing/test-backend';
import { expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

it('the exercise checker fails on the starter', { timeout: 60_000 }, async () => {
  const run = await runChecker(pkgDir, 'starter');
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain('✗ a send that fails twice is retried and succeeds on the third attempt');
  expect(run.output).toContain('4 of 4 checks fail');
});

it('the exercise checker passes on the solution', { timeout: 60_000 }, async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('4 of 4 checks pass');
});

it('the exercise checker passes a right solution written with jitter: 0', { timeout: 60_000 }, async () => {
  const run = await runChecker(pkgDir, { dir: 'test/other-solutions/jitter-zero' });
  expect(run.passed, run.output).toBe(true);
});

// Wrong solutions: in the in-memory pass only (onceAcrossBackends).
it.runIf(onceAcrossBackends()).each([
  {
    wrong: 'fixed-backoff',
    fails:
      '✗ retries wait 50 ms, then 100 ms (exponential backoff)\n' +
      '      milliseconds BullMQ waited before each retry: expected [ 50, 100 ], got [ 50, 50 ]',
  },
  {
    wrong: 'plain-error',
    fails:
      '✗ fails an address without "@" at once, with a reason that names it\n' +
      '      attempts made (an UnrecoverableError is not retried): expected 1, got 3',
  },
])('the exercise checker fails the wrong solution $wrong', { timeout: 60_000 }, async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
});
