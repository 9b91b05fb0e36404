// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecker } from '../../course-tools/src/run-checker.ts';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

// The checker runs in child processes (it, and the check file under node:test): slow on a busy 2-core machine.
describe('exercise: graceful shutdown', { timeout: 60_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter');
    expect(run.passed, run.output).toBe(false);
  });

  it('the checker passes on the solution', async () => {
    const run = await runChecker(pkgDir, 'solution');
    expect(run.passed, run.output).toBe(true);
  });

  it('the solution is the very code the package runs (src/shutdown.ts)', async () => {
    const read = (file: string) => readFile(new URL(`../${file}`, import.meta.url), 'utf8');
    expect(await read('exercise/solution/shutdown.ts')).toBe(await read('src/shutdown.ts'));
  });

  it.each([
    {
      wrong: 'close-only',
      fails:
        '✗ closes every Redis connection, so the process can exit by itself\n      every connection should be closed (status "end"): call quit() on each',
    },
    {
      wrong: 'force-close',
      fails:
        '✗ lets the active job finish before it returns\n      report-1 was started before the shutdown, so it should finish',
    },
  ])('the exercise checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
