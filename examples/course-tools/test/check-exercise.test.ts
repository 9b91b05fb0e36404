import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecker } from '../src/run-checker.ts';

const sample = fileURLToPath(new URL('../fixtures/sample-exercise', import.meta.url));

describe('check-exercise', () => {
  it('fails on the starter, naming the failed check, its message and the values', async () => {
    const run = await runChecker(sample, 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain('Checking exercise/starter');
    expect(run.output).toContain('  ✗ adds two numbers\n      add(2, 3) should be 5: expected 5, got -1\n');
    expect(run.output).toContain('✓ adds zero');
    expect(run.output).toContain('1 of 2 checks fail — see exercise/README.md for hints.');
  });

  it('speaks Chinese when asked (the course site asks on its Chinese pages), the check file too', async () => {
    const run = await runChecker(sample, 'starter', { args: ['--lang', 'zh'] });
    expect(run.output).toContain('用 exercise/check.test.ts 检查 exercise/starter');
    expect(run.output).toContain('  ✗ 两个数相加\n      add(2, 3) 应为 5：应是 5，实际是 -1\n');
    expect(run.output).toContain('2 项检查中有 1 项没有通过，提示见 exercise/README.md。');
    // A Chinese terminal gets Chinese without asking.
    const terminal = await runChecker(sample, 'starter', { env: { ASYNC_LAB_LANG: '', LANG: 'zh_CN.UTF-8' } });
    expect(terminal.output).toContain('  ✗ 两个数相加');
  });

  it('passes on the solution', async () => {
    const run = await runChecker(sample, 'solution');
    expect(run.passed).toBe(true);
    expect(run.output).toContain('2 of 2 checks pass — well done!');
  });

  it('checks another folder of the same files (the tests keep wrong solutions that way)', async () => {
    const run = await runChecker(sample, { dir: 'wrong/off-by-one' });
    expect(run.passed).toBe(false);
    expect(run.output).toContain('Checking wrong/off-by-one with exercise/check.test.ts');
    expect(run.output).toContain('  ✗ adds two numbers\n      add(2, 3) should be 5: expected 5, got 6\n');
  });

  it("checks a package's further exercise by its name", async () => {
    const starter = await runChecker(sample, 'starter', { exercise: 'double' });
    expect(starter.passed).toBe(false);
    expect(starter.output).toContain('Checking exercise/starter with exercise/double.check.test.ts');
    expect(starter.output).toContain('  ✗ doubles a number\n      double(21): expected 42, got 21\n');
    const solution = await runChecker(sample, 'solution', { exercise: 'double' });
    expect(solution.output).toContain('1 of 1 checks pass');
  });

  it('names the exercises there are when asked for one that is not', async () => {
    const run = await runChecker(sample, 'starter', { exercise: 'tripple' });
    expect(run.passed).toBe(false);
    expect(run.output).toContain('No exercise/tripple.check.test.ts');
    expect(run.output).toContain("This package's other exercises: double.");
  });

  it('explains itself when run outside an example package', async () => {
    const run = await runChecker(fileURLToPath(new URL('.', import.meta.url)), 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain('No exercise/check.test.ts');
  });
});
