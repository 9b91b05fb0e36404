// The checker must run where nothing is installed, as in the browser's WebContainer, which has no vitest.
// A copy of it and of the sample exercise, outside the repository, proves it: had the checker (or anything
// it imports) needed vitest or any other package, the copy could not even start.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const courseTools = fileURLToPath(new URL('..', import.meta.url));
let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'async-lab-checker-'));
  await cp(join(courseTools, 'package.json'), join(copy, 'course-tools/package.json'));
  for (const file of await readdir(join(courseTools, 'src'))) {
    await cp(join(courseTools, 'src', file), join(copy, 'course-tools/src', file));
  }
  const sample = join(courseTools, 'fixtures/sample-exercise');
  await cp(join(sample, 'package.json'), join(copy, 'sample-exercise/package.json'));
  await cp(join(sample, 'exercise'), join(copy, 'sample-exercise/exercise'), { recursive: true });
  // The one package there is course-tools itself (check files word their assertions with its say()), linked as
  // npm links a workspace package: nothing else is installed.
  await mkdir(join(copy, 'node_modules/@async-lab'), { recursive: true });
  await symlink(join(copy, 'course-tools'), join(copy, 'node_modules/@async-lab/course-tools'), 'dir');
});
afterAll(() => rm(copy, { recursive: true, force: true }));

function check(...args: string[]): Promise<{ code: number; output: string }> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'EXERCISE_DIR') delete env[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(copy, 'course-tools/src/check-exercise.ts'), ...args],
      { cwd: join(copy, 'sample-exercise'), env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('the checker, copied where vitest cannot be found', () => {
  it('really cannot find vitest there (else this test proves nothing)', () => {
    const resolve = createRequire(join(copy, 'course-tools/src/check-exercise.ts')).resolve;
    expect(() => resolve('vitest')).toThrow(/Cannot find module/);
  });

  it('passes the solution', async () => {
    const run = await check('--solution');
    expect(run.output).toContain('2 of 2 checks pass — well done!');
    expect(run.code).toBe(0);
  });

  it('fails the starter with the reason', async () => {
    const run = await check();
    expect(run.output).toContain('add(2, 3) should be 5: expected 5, got -1');
    expect(run.code).toBe(1);
  });
});
