// Every package follows one convention, so a reader who knows one knows them all: `npm start`, named demo
// scripts, `npm run check` when there is an exercise (`check:<name>` for a further one), and `npm test` that works
// from inside the package.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('../..', import.meta.url));
const packages = readdirSync(examplesDir).filter((name) => existsSync(join(examplesDir, name, 'package.json')));
const lessons = packages.filter((name) => /^\d\d-/.test(name));
const scriptsOf = (pkg: string): Record<string, string> =>
  JSON.parse(readFileSync(join(examplesDir, pkg, 'package.json'), 'utf8')).scripts ?? {};

describe.each(lessons)('%s', (pkg) => {
  const scripts = scriptsOf(pkg);

  it('has npm start, npm test, and npm run check exactly when it has an exercise', () => {
    expect(scripts.start, 'npm start').toMatch(/^node src\/\S+\.ts$/);
    expect(scripts.test).toBe('node ../tools/run-tests.ts');
    const hasExercise = existsSync(join(examplesDir, pkg, 'exercise', 'check.test.ts'));
    expect(scripts.check).toBe(hasExercise ? 'node ../course-tools/src/check-exercise.ts' : undefined);
  });

  it('names its demos, and every script runs a file that exists', () => {
    for (const [name, command] of Object.entries(scripts)) {
      if (name === 'test' || name === 'check') continue;
      const further = /^check:(.+)$/.exec(name)?.[1];
      if (further) {
        // A further exercise: `npm run check:<name>` checks it with exercise/<name>.check.test.ts.
        expect(command).toBe(`node ../course-tools/src/check-exercise.ts ${further}`);
        expect(existsSync(join(examplesDir, pkg, 'exercise', `${further}.check.test.ts`)), `${pkg}: ${name}`).toBe(
          true,
        );
        continue;
      }
      expect(name, `script "${name}"`).toMatch(/^[a-z][a-z0-9-]*(:[a-z0-9-]+)?$/);
      const file = /^node (\S+\.ts)$/.exec(command)?.[1];
      expect(file, `script "${name}" runs one file with node: ${command}`).toBeDefined();
      expect(existsSync(join(examplesDir, pkg, file!)), `${pkg}/${file}`).toBe(true);
    }
  });
});

it('the helper packages have npm test too', () => {
  for (const pkg of packages.filter((name) => !lessons.includes(name))) {
    expect(scriptsOf(pkg).test, pkg).toBe('node ../tools/run-tests.ts');
  }
});

it("npm test inside a package runs that package's tests, on the backend it names", { timeout: 120_000 }, () => {
  // The REDIS_URL must not leak into the in-memory pass.
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'FORCE_COLOR') delete env[key];
  const run = spawnSync('npm', ['test', '--', '--pass', 'memory'], {
    cwd: join(examplesDir, '00-hello-ts'),
    env,
    encoding: 'utf8',
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain("00-hello-ts's tests on the in-memory Redis (REDIS_URL removed for this pass)");
  expect(run.stdout).toMatch(/Test Files +1 passed \(1\)/);
});
