// For each package's test/exercise.test.ts: runs the real learner command
// (check-exercise.ts in the package folder) in a child process and reports what it printed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Which files to check: the starter, the solution, or another folder of the same files (a wrong solution). */
export type ExerciseSide = 'starter' | 'solution' | { dir: string };

export interface CheckerRun {
  passed: boolean;
  output: string;
}

export interface RunCheckerOptions {
  /** Extra environment for the checker, e.g. ASYNC_LAB_CHECK_TIMEOUT_MS. */
  env?: Record<string, string>;
  /** A package's further exercise, checked by exercise/<name>.check.test.ts (default: exercise/check.test.ts). */
  exercise?: string;
  /** More arguments for the checker, e.g. ['--lang', 'zh']. */
  args?: string[];
}

const checkExercise = fileURLToPath(new URL('./check-exercise.ts', import.meta.url));

export function runChecker(pkgDir: string, which: ExerciseSide, options: RunCheckerOptions = {}): Promise<CheckerRun> {
  const side = which === 'solution' ? ['--solution'] : typeof which === 'object' ? ['--dir', which.dir] : [];
  const args = [checkExercise, ...(options.exercise ? [options.exercise] : []), ...side, ...(options.args ?? [])];
  // English unless a test asks otherwise, whatever the locale of the shell running the tests.
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), ASYNC_LAB_LANG: 'en', ...options.env };
  return new Promise((resolve) => {
    // Past the checker's own limit for a whole run (check-exercise.ts), so it can still print its verdict.
    const timeout = (Number(env.ASYNC_LAB_CHECK_RUN_TIMEOUT_MS) || 50_000) + 30_000;
    execFile(process.execPath, args, { cwd: pkgDir, env, timeout }, (error, stdout, stderr) => {
      resolve({ passed: error === null, output: `${stdout}${stderr}` });
    });
  });
}

// The checker must start as a learner's terminal would: without the calling test runner's variables
// (vitest's VITEST_*, or node:test's NODE_TEST_CONTEXT, which would make the checker's own run() report to
// a parent that is not there) and without an EXERCISE_DIR of its own.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'NODE_TEST_CONTEXT' || key === 'EXERCISE_DIR') delete env[key];
  }
  return env;
}
