import { describe, expect, it } from 'vitest';
import { readExampleSource } from '../../src/lib/content/example-source.ts';

describe('readExampleSource', () => {
  it('reads a whole file of an example package, with its language', () => {
    const source = readExampleSource('00-hello-ts', 'src/greet.ts');
    expect(source.path).toBe('00-hello-ts/src/greet.ts');
    expect(source.lang).toBe('ts');
    expect(source.code).toContain('export function greet');
  });

  it('names the missing file and says what to check', () => {
    expect(() => readExampleSource('00-hello-ts', 'src/nope.ts')).toThrow(
      /examples\/00-hello-ts\/src\/nope\.ts does not exist/,
    );
  });

  it('cuts a named region and hides the region markers', () => {
    const source = readExampleSource('00-hello-ts', 'src/main.ts', 'greet-all');
    expect(source.code).toBe('for (const learner of learners) console.log(greet(learner));');
    expect(readExampleSource('00-hello-ts', 'src/main.ts').code).not.toContain('#region');
  });

  it('names a missing region', () => {
    expect(() => readExampleSource('00-hello-ts', 'src/greet.ts', 'nope')).toThrow(/Region "nope" not found/);
  });

  it('refuses paths that leave examples/', () => {
    expect(() => readExampleSource('00-hello-ts', '../../package.json')).toThrow(/outside examples/);
  });
});
