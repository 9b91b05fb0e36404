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
