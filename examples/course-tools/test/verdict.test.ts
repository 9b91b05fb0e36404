import { describe, expect, it } from 'vitest';
import { formatVerdict } from '../src/verdict.ts';

describe('formatVerdict', () => {
  it('says the checks could not run when the exercise file fails to load', () => {
    const text = formatVerdict(
      'starter',
      [],
      ['SyntaxError: Expression expected\nexercise/starter/add.ts:2\n  return a +;\n            ^'],
    );
    expect(text).toContain(
      '  ✗ SyntaxError: Expression expected\n      exercise/starter/add.ts:2\n        return a +;\n                  ^',
    );
    expect(text).toMatch(/could not run — fix the error above/);
  });

  it('puts notes below the checks without changing the verdict', () => {
    const text = formatVerdict('solution', [{ name: 'adds', state: 'pass' }], [], ['a timer was left running']);
    expect(text).toContain('  ✓ adds\n  ! a timer was left running\n\n1 of 1 checks pass — well done!');
  });
});
