import { describe, expect, it } from 'vitest';
import { formatVerdict } from '../src/verdict.ts';

describe('formatVerdict', () => {
  it('says the checks could not run when the exercise file fails to load', () => {
    const text = formatVerdict('starter', [], ['Transform failed with 1 error:\n[PARSE_ERROR] Unexpected token']);
    expect(text).toContain('  ✗ Transform failed with 1 error:\n      [PARSE_ERROR] Unexpected token');
    expect(text).toMatch(/could not run — fix the error above/);
  });
});
