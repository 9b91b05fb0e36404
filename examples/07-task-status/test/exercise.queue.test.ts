// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
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
  expect(run.output).toContain('✗ answers 202 with the status of a task that is not finished');
  expect(run.output).toContain('3 of 4 checks fail');
});

it('the exercise checker passes on the solution', { timeout: 60_000 }, async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('4 of 4 checks pass');
});

// Wrong solutions: in the in-memory pass only (onceAcrossBackends).
it.runIf(onceAcrossBackends()).each([
  {
    wrong: 'failed-as-pending',
    fails: '✗ answers 409 with the reason when the task failed\n      status code: expected 409, got 202',
  },
  {
    wrong: 'no-such-task-waits',
    fails:
      '✗ answers 404 with a message naming the id when there is no such task\n      status code: expected 404, got 202',
  },
])('the exercise checker fails the wrong solution $wrong', { timeout: 60_000 }, async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
});
