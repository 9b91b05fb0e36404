import { describe, expect, it } from 'vitest';
import { exerciseReadme } from '../../src/lib/content/exercise-readme.ts';

describe('an exercise’s task and hints on the page', () => {
  it('is the README’s part in the reader’s language', () => {
    const zh = exerciseReadme('05-queue-basics', 'zh');
    const en = exerciseReadme('05-queue-basics', 'en');
    expect(zh).toMatch(/^## 练习/);
    expect(zh).not.toMatch(/^# Exercise/m);
    expect(en).toMatch(/^# Exercise/);
    expect(en).not.toMatch(/\p{Script=Han}/u);
  });

  it('keeps every exercise of a package that has two', () => {
    expect(exerciseReadme('09-production', 'zh').match(/^## 练习/gm)).toHaveLength(2);
  });
});
