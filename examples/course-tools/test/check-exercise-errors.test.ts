// The checker on exercises broken in the ways a learner breaks them: the verdict must say what happened.
import { afterEach, describe, expect, it } from 'vitest';
import { runChecker } from '../src/run-checker.ts';
import { tempExercise, type TempExercise } from './temp-exercise.ts';

const CHECK_ADD = `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const { add } = await import(\`./\${process.env.EXERCISE_DIR ?? 'starter'}/add.ts\`);

describe('add', () => {
  it('adds two numbers', () => {
    assert.equal(add(2, 3), 5, 'add(2, 3) should be 5');
  });
});
`;

let exercise: TempExercise | undefined;
afterEach(() => exercise?.remove());

describe('check-exercise on a broken exercise', () => {
  it('shows a syntax error in the starter with its file, line and marked source, and exits 1', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': CHECK_ADD,
      'exercise/starter/add.ts': 'export function add(a: number, b: number): number {\n  return a +;\n}\n',
    });
    const run = await runChecker(exercise.dir, 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain(
      [
        '  ✗ SyntaxError: Expression expected',
        '      exercise/starter/add.ts:2',
        '        return a +;',
        '                  ^',
      ].join('\n'),
    );
    expect(run.output).not.toMatch(/node:internal|ERR_INVALID_TYPESCRIPT_SYNTAX|Node\.js v/);
    expect(run.output).toContain('The checks could not run — fix the error above, then run the check again.');
  });

  it('names a missing file without the absolute path', async () => {
    exercise = await tempExercise({ 'exercise/check.test.ts': CHECK_ADD });
    const run = await runChecker(exercise.dir, 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain(
      "  ✗ Error: Cannot find module 'exercise/starter/add.ts' imported from exercise/check.test.ts",
    );
    expect(run.output).not.toContain(exercise.dir);
    expect(run.output).toContain('The checks could not run');
  });

  it('gives an error thrown by the code under test with its name', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': CHECK_ADD,
      'exercise/starter/add.ts':
        'export function add(a: number, b: number): number {\n  return (null as any).sum;\n}\n',
    });
    const run = await runChecker(exercise.dir, 'starter');
    expect(run.output).toContain(
      "  ✗ adds two numbers\n      TypeError: Cannot read properties of null (reading 'sum')\n",
    );
    expect(run.output).toContain('1 of 1 checks fail');
  });

  it('stops a check that never finishes, names it, and lists the checks after it as not run', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': `import { describe, it } from 'node:test';
describe('checks', () => {
  it('finishes', () => {});
  it('waits forever', () => new Promise(() => setInterval(() => {}, 1000)));
  it('comes after', () => {});
});
it('comes last', () => {});
`,
    });
    const run = await runChecker(exercise.dir, 'starter', { env: { ASYNC_LAB_CHECK_TIMEOUT_MS: '500' } });
    expect(run.passed).toBe(false);
    expect(run.output).toContain(
      [
        '  ✓ finishes',
        '  ✗ waits forever',
        '      did not finish within 0.5 s — is it waiting for something that never happens?',
        '  ✗ comes after',
        '      not run: a check before it did not finish',
        '  ✗ comes last',
        '      not run: a check before it did not finish',
        '',
        '3 of 4 checks fail — see exercise/README.md for hints.',
      ].join('\n'),
    );
  });

  it('says why it stopped a check in Chinese when asked (--lang zh), as on the Chinese pages', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': `import { it } from 'node:test';
it('waits forever', () => new Promise(() => setInterval(() => {}, 1000)));
it('comes after', () => {});
`,
    });
    const run = await runChecker(exercise.dir, 'starter', {
      env: { ASYNC_LAB_CHECK_TIMEOUT_MS: '500' },
      args: ['--lang', 'zh'],
    });
    expect(run.passed).toBe(false);
    expect(run.output).toContain('      0.5 秒内没有结束：是不是在等一件永远不会发生的事？');
    expect(run.output).toContain('      没有运行：前面的一项检查没有结束');
    expect(run.output).not.toMatch(/did not finish|not run:/);
  });

  it('stops checks that finished but left a timer running, with a note, and keeps their verdict', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': `import { it } from 'node:test';
it('passes, leaving a timer behind', () => void setInterval(() => {}, 1000));
`,
    });
    const run = await runChecker(exercise.dir, 'starter', { env: { ASYNC_LAB_CHECK_TIMEOUT_MS: '500' } });
    expect(run.output).toContain('  ✓ passes, leaving a timer behind\n  ! The checks finished, but something');
    expect(run.output).toContain('1 of 1 checks pass');
    expect(run.passed).toBe(true);
  });

  it('gives the checks that a failing before() hook cancelled the hook’s error', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': `import { before, describe, it } from 'node:test';
describe('checks', () => {
  before(() => { throw new Error('could not connect'); });
  it('one', () => {});
  it('two', () => {});
});
`,
    });
    const run = await runChecker(exercise.dir, 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain('  ✗ one\n      could not connect\n  ✗ two\n      could not connect\n');
  });

  it('reports an error thrown after a check ended, naming the check', async () => {
    exercise = await tempExercise({
      'exercise/check.test.ts': `import { it } from 'node:test';
it('leaves a timer behind', () => void setTimeout(() => { throw new Error('too late'); }, 10));
it('waits a little', () => new Promise((resolve) => setTimeout(resolve, 100)));
`,
    });
    const run = await runChecker(exercise.dir, 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain(
      '  ✗ Error: too late\n      (thrown after the check "leaves a timer behind" had ended)',
    );
  });
});
