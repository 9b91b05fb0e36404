import { describe, expect, it } from 'vitest';
import { parseCheckOutput } from '../../../src/lib/playground/check-results.ts';

// The shape printed by examples/course-tools/src/check-exercise.ts (see its README).
const failing = `Checking exercise/starter with exercise/check.test.ts

  ✓ returns every result, in the loaders’ order
  ✗ runs the loaders at the same time
      how many loaders were running at once (one by one gives 1): expected 1 to be 3 // Object.is equality
      second line

1 of 2 checks fail — see exercise/README.md for hints.
`;

describe('parseCheckOutput', () => {
  it('reads pass/fail per check, the reason of a failure, and the summary', () => {
    const verdict = parseCheckOutput(failing, 1);
    expect(verdict.passed).toBe(false);
    expect(verdict.checks).toEqual([
      { name: 'returns every result, in the loaders’ order', passed: true, details: '' },
      {
        name: 'runs the loaders at the same time',
        passed: false,
        details:
          'how many loaders were running at once (one by one gives 1): expected 1 to be 3 // Object.is equality\nsecond line',
      },
    ]);
    expect(verdict.summary).toBe('1 of 2 checks fail — see exercise/README.md for hints.');
  });

  it('passes only when every check passed and the checker exited 0', () => {
    const ok = 'Checking x\n\n  ✓ a\n  ✓ b\n\n2 of 2 checks pass — well done!\n';
    expect(parseCheckOutput(ok, 0).passed).toBe(true);
    expect(parseCheckOutput(ok, 1).passed).toBe(false);
    expect(parseCheckOutput('', 0).passed).toBe(false);
  });

  it('keeps the message when the exercise could not even load (no checks listed)', () => {
    const verdict = parseCheckOutput('Checking x\n\nSyntaxError: Unexpected token (3:5)\n', 1);
    expect(verdict.checks).toEqual([]);
    expect(verdict.summary).toContain('SyntaxError');
  });
});
