// The naming rules that let any Node from 18 on run the examples: .ts files have JavaScript twins, and the twins
// point at each other, in one place for the snapshot builder, the page's stripping and the runner's commands.
import amaro from 'amaro';
import { describe, expect, it } from 'vitest';
import { containerCommand, isTypeScriptPath, jsTwinPath, pointAtJsTwins } from '../../../src/lib/runtime/js-twin.ts';
import { stripToJsTwin, type AmaroTransform } from '../../../src/lib/runtime/strip-types.ts';

const transformSync = (amaro as { transformSync: AmaroTransform }).transformSync;

describe('JavaScript twins', () => {
  it('name the twin of a TypeScript file, and only of one', () => {
    expect(jsTwinPath('src/main.ts')).toBe('src/main.js');
    expect(jsTwinPath('exercise/check.test.ts')).toBe('exercise/check.test.js');
    expect(jsTwinPath('a/b.mts')).toBe('a/b.mjs');
    expect(jsTwinPath('a/b.cts')).toBe('a/b.cjs');
    expect(jsTwinPath('src/lua/fengari.d.ts')).toBe('src/lua/fengari.d.ts');
    expect(jsTwinPath('data/reviews.csv')).toBe('data/reviews.csv');
    expect(isTypeScriptPath('src/types.d.ts')).toBe(false);
  });

  it('turn the reader’s command into the container’s: every .ts path argument, nothing else', () => {
    expect(containerCommand(['node', 'src/main.ts'])).toEqual(['node', 'src/main.js']);
    expect(containerCommand(['node', '../course-tools/src/check-exercise.ts', 'rate-limit', '--solution'])).toEqual([
      'node',
      '../course-tools/src/check-exercise.js',
      'rate-limit',
      '--solution',
    ]);
    expect(containerCommand(['node', '--title=x.ts', 'src/a b.ts'])).toEqual(['node', '--title=x.ts', 'src/a b.ts']);
  });

  it('point module specifiers and paths handed to child processes at the twins, keeping every length', () => {
    const code = [
      "import { greet } from './greet.ts';",
      "export * from '../src/work-queue.ts';",
      'const m = await import(`./${process.env.EXERCISE_DIR ?? "starter"}/load-dashboard.ts`);',
      'const checkFile = `exercise/${name}.check.test.ts`;',
      "const worker = new Worker(new URL('./burn-cpu-worker.ts', import.meta.url));",
      "spawn(process.execPath, ['src/worker.ts']);",
      "const CHECK_FILE = 'exercise/check.test.ts';",
    ].join('\n');
    const twin = pointAtJsTwins(code);
    expect(twin).toBe(code.replaceAll('.ts', '.js'));
    expect(twin.length).toBe(code.length);
  });

  it('leave prose, package names and other files alone', () => {
    const code = [
      "console.log('see exercise/check.test.ts for the checks');",
      'console.log(`Checking exercise/${which} with exercise/check.test.ts`);',
      "console.log('main.ts');",
      "import { x } from '@async-lab/course-tools/trace-when-asked';",
      "const data = './reviews.csv';",
      'const re = /\\.ts$/;',
    ].join('\n');
    expect(pointAtJsTwins(code)).toBe(code);
  });
});

describe('stripping a .ts file to its twin', () => {
  it('blanks the types and keeps each line and column', () => {
    const source =
      "import type { Learner } from './greet.ts';\nconst who: Learner = { name: 'Ada' };\nconsole.log(who);\n";
    const twin = stripToJsTwin(source, transformSync);
    expect(twin.split('\n').map((line) => line.length)).toEqual(source.split('\n').map((line) => line.length));
    expect(twin).toContain("const who          = { name: 'Ada' };");
    expect(twin).not.toContain('greet.ts');
  });

  it('turns code amaro cannot strip into a module that fails as Node does, with the reader’s line and the marker', () => {
    const invalid = stripToJsTwin('const ok = 1;\nconst answer: = 42;\n', transformSync);
    expect(invalid).toContain('ERR_INVALID_TYPESCRIPT_SYNTAX');
    expect(invalid).toContain("file + ':2\\n'");
    expect(invalid).toContain('const answer: = 42;\\n              ^');
    const unsupported = stripToJsTwin('enum Colour { Red }\n', transformSync);
    expect(unsupported).toContain('ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX');
    expect(unsupported).toContain('TypeScript enum is not supported in strip-only mode');
  });
});
