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

  it('passes on the solution', async () => {
    const run = await runChecker(sample, 'solution');
    expect(run.passed).toBe(true);
    expect(run.output).toContain('2 of 2 checks pass — well done!');
  });

  it('explains itself when run outside an example package', async () => {
    const run = await runChecker(fileURLToPath(new URL('.', import.meta.url)), 'starter');
    expect(run.passed).toBe(false);
    expect(run.output).toContain('No exercise/check.test.ts');
  });
});
