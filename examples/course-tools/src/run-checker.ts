// For each package's test/exercise.test.ts: runs the real learner command
// (check-exercise.ts in the package folder) in a child process and reports what it printed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ExerciseSide = 'starter' | 'solution';

export interface CheckerRun {
  passed: boolean;
  output: string;
}

const checkExercise = fileURLToPath(new URL('./check-exercise.ts', import.meta.url));

export function runChecker(pkgDir: string, which: ExerciseSide): Promise<CheckerRun> {
  const args = [checkExercise, ...(which === 'solution' ? ['--solution'] : [])];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: pkgDir, env: cleanEnv(), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ passed: error === null, output: `${stdout}${stderr}` });
    });
  });
}

// When called from inside a vitest run, drop the outer run's VITEST_* variables so the
// checker starts a fresh, independent vitest instead of thinking it is one of its workers.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'EXERCISE_DIR') delete env[key];
  return env;
}
