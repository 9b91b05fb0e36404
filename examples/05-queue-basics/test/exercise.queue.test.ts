// The exercise checker must fail on the starter and pass on the solution, or it has stopped checking.
// (Named *.queue.test.ts because the checker runs real BullMQ jobs: it runs on both Redis backends.
// Each run of the checker is two more processes (it and the check file), so it gets more time than the default.)
import { fileURLToPath } from 'node:url';
import { runChecker } from '@async-lab/course-tools/run-checker';
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
