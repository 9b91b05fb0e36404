#!/usr/bin/env node
// The learner-facing exercise checker. Run it in an example package folder:
//   node ../course-tools/src/check-exercise.ts [--solution]
// It runs exercise/check.test.ts (node:test checks) against exercise/starter (or exercise/solution)
// and prints one line per check plus a verdict. Exit code: 0 when every check passes, else 1.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runChecks } from './run-checks.ts';
import { formatVerdict } from './verdict.ts';

const CHECK_FILE = 'exercise/check.test.ts';
/**
 * In the course site's WebContainer this checker runs as the JavaScript twin of its .ts file, and CHECK_FILE reads
 * exercise/check.test.js there (the check file's twin, which is what runs); the learner knows it by its .ts name.
 */
const SHOWN_CHECK_FILE = CHECK_FILE.replace(/\.js$/, '.ts');
/** As long as one check may take (vitest's default limit, which the checks were written for). */
const CHECK_TIMEOUT_MS = Number(process.env.ASYNC_LAB_CHECK_TIMEOUT_MS) || 10_000;
/** The whole run; below the site's 60 s limit for a run, so the verdict is still printed. */
const RUN_TIMEOUT_MS = Number(process.env.ASYNC_LAB_CHECK_RUN_TIMEOUT_MS) || 50_000;

const pkgDir = process.cwd();
const which = process.argv.includes('--solution') ? 'solution' : 'starter';

if (!existsSync(join(pkgDir, CHECK_FILE))) {
  console.error(`No ${SHOWN_CHECK_FILE} in ${pkgDir}.`);
  console.error('Run this from an example package folder, e.g.: cd examples/01-async-await && npm run check');
  process.exit(1);
}

// The check file runs in a child process, which inherits the environment: this is how it knows which to load.
process.env.EXERCISE_DIR = which;
const { checks, loadErrors, notes } = await runChecks(join(pkgDir, CHECK_FILE), {
  pkgDir,
  shownFile: join(pkgDir, SHOWN_CHECK_FILE),
  checkTimeoutMs: CHECK_TIMEOUT_MS,
  runTimeoutMs: RUN_TIMEOUT_MS,
});

console.log(formatVerdict(which, checks, loadErrors, notes));
const allPass = loadErrors.length === 0 && checks.length > 0 && checks.every((c) => c.state === 'pass');
process.exit(allPass ? 0 : 1);
