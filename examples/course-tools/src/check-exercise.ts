#!/usr/bin/env node
// The learner-facing exercise checker. Run it in an example package folder:
//   node ../course-tools/src/check-exercise.ts [exercise] [--solution | --dir <folder>]
// It runs the exercise's node:test checks against exercise/starter (or exercise/solution, or another folder
// of the same files: the tests keep wrong solutions that way) and prints one line per check plus a verdict.
// The package's first exercise is checked by exercise/check.test.ts; a further one, named `rate-limit`, by
// exercise/rate-limit.check.test.ts. Exit code: 0 when every check passes, else 1.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runChecks } from './run-checks.ts';
import { formatVerdict } from './verdict.ts';

/** As long as one check may take (vitest's default limit, which the checks were written for). */
const CHECK_TIMEOUT_MS = Number(process.env.ASYNC_LAB_CHECK_TIMEOUT_MS) || 10_000;
/** The whole run; below the site's 60 s limit for a run, so the verdict is still printed. */
const RUN_TIMEOUT_MS = Number(process.env.ASYNC_LAB_CHECK_RUN_TIMEOUT_MS) || 50_000;

const pkgDir = process.cwd();
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { solution: { type: 'boolean' }, dir: { type: 'string' }, lang: { type: 'string' } },
  });
} catch (error) {
  console.error((error as Error).message);
  console.error(
    'usage: node ../course-tools/src/check-exercise.ts [exercise] [--solution | --dir <folder>] [--lang zh|en]',
  );
  process.exit(1);
}
const exercise = parsed.positionals[0];
// `--lang zh`: the checker and the check file (a child process, which inherits it) speak Chinese (say.ts).
if (parsed.values.lang) process.env.ASYNC_LAB_LANG = parsed.values.lang;
const dir = parsed.values.dir;
const checkFile = exercise ? `exercise/${exercise}.check.test.ts` : 'exercise/check.test.ts';
// In the course site's WebContainer this checker runs as the JavaScript twin of its .ts file, where checkFile
// names the check file's twin (.js), which is what runs; the learner knows it by its .ts name.
const shownCheckFile = checkFile.replace(/\.js$/, '.ts');
// The folder of the checked files as the check file imports it (`./${EXERCISE_DIR}/…`): relative to exercise/.
const which = dir
  ? relative(join(pkgDir, 'exercise'), resolve(pkgDir, dir))
  : parsed.values.solution
    ? 'solution'
    : 'starter';
const shown = dir ? relative(pkgDir, resolve(pkgDir, dir)) : which;

if (!existsSync(join(pkgDir, checkFile))) {
  console.error(`No ${shownCheckFile} in ${pkgDir}.`);
  const others = existsSync(join(pkgDir, 'exercise'))
    ? readdirSync(join(pkgDir, 'exercise'))
        .map((file) => /^(.+)\.check\.test\.ts$/.exec(file)?.[1])
        .filter((name) => name !== undefined)
    : [];
  if (exercise && others.length > 0) console.error(`This package's other exercises: ${others.join(', ')}.`);
  else console.error('Run this from an example package folder, e.g.: cd examples/01-async-await && npm run check');
  process.exit(1);
}

// The check file runs in a child process, which inherits the environment: this is how it knows which to load.
process.env.EXERCISE_DIR = which;
const { checks, loadErrors, notes } = await runChecks(join(pkgDir, checkFile), {
  pkgDir,
  shownFile: join(pkgDir, shownCheckFile),
  checkTimeoutMs: CHECK_TIMEOUT_MS,
  runTimeoutMs: RUN_TIMEOUT_MS,
});

console.log(formatVerdict(shown, checks, loadErrors, notes, shownCheckFile));
const allPass = loadErrors.length === 0 && checks.length > 0 && checks.every((c) => c.state === 'pass');
process.exit(allPass ? 0 : 1);
