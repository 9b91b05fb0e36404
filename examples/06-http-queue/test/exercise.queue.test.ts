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
  expect(run.output).toContain('✗ answers 202 with a taskId');
  expect(run.output).toContain('5 of 5 checks fail');
});

it('the exercise checker passes on the solution', { timeout: 60_000 }, async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('5 of 5 checks pass');
});

// Wrong solutions: in the in-memory pass only (onceAcrossBackends).
it.runIf(onceAcrossBackends()).each([
  {
    wrong: 'extra-fields-queued',
    fails:
      '✗ keeps unknown fields out of the queue\n      data of the queued job: expected { x: 6, y: 7 }, got { x: 6, y: 7, admin: true }',
  },
  {
    wrong: 'copied-add-route',
    fails:
      "✗ queues a \"multiply\" job with {x, y} that a worker turns into x × y\n      name of the queued job: expected 'multiply', got 'add'",
  },
])('the exercise checker fails the wrong solution $wrong', { timeout: 60_000 }, async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
});
