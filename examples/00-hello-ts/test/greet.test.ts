import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { greet } from '../src/greet.ts';

describe('greet', () => {
  it('speaks the learner’s language', () => {
    expect(greet({ name: '小明', locale: 'zh' })).toBe('你好，小明！');
    expect(greet({ name: 'Ada', locale: 'en' })).toBe('Hello, Ada!');
  });

  it('runs as a .ts file on plain Node, without any transpiler package', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const out = execFileSync(process.execPath, [main], { encoding: 'utf8' });
    expect(out).toContain('你好，小明！');
    expect(out).toContain('ran this .ts file directly');
  });
});
