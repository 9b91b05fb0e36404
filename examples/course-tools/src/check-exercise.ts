#!/usr/bin/env node
// The learner-facing exercise checker. Run it in an example package folder:
//   node ../course-tools/src/check-exercise.ts [--solution]
// It runs exercise/check.test.ts with vitest against exercise/starter (or exercise/solution)
// and prints one line per check plus a verdict. Exit code: 0 when every check passes, else 1.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startVitest } from 'vitest/node';
import type { Reporter, TestModule } from 'vitest/node';
import { firstLine, firstLines, formatVerdict, type CheckResult } from './verdict.ts';

const CHECK_FILE = 'exercise/check.test.ts';
const pkgDir = process.cwd();
const which = process.argv.includes('--solution') ? 'solution' : 'starter';

if (!existsSync(join(pkgDir, CHECK_FILE))) {
  console.error(`No ${CHECK_FILE} in ${pkgDir}.`);
  console.error('Run this from an example package folder, e.g.: cd examples/01-async-await && npm run check');
  process.exit(1);
}

const checks: CheckResult[] = [];
const loadErrors: string[] = [];

// Collects results quietly; the verdict is printed once at the end, in definition order.
const collector: Reporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors) {
    for (const mod of modules) {
      for (const error of mod.errors()) loadErrors.push(firstLines(error.message));
      for (const test of mod.children.allTests()) {
        const result = test.result();
        if (result.state === 'skipped' || result.state === 'pending') continue;
        checks.push(
          result.state === 'passed'
            ? { name: test.name, state: 'pass' }
            : { name: test.name, state: 'fail', reason: firstLine(result.errors?.[0]?.message) },
        );
      }
    }
    for (const error of unhandledErrors) loadErrors.push(firstLines((error as { message?: string }).message));
  },
};

process.env.EXERCISE_DIR = which;
const vitest = await startVitest([], {
  root: pkgDir,
  config: false, // ignore examples/vitest.config.ts: it would select the package's own tests
  include: [CHECK_FILE],
  watch: false,
  reporters: [collector],
  testTimeout: 10_000,
  env: { EXERCISE_DIR: which },
});
await vitest.close();

console.log(formatVerdict(which, checks, loadErrors));
const allPass = loadErrors.length === 0 && checks.length > 0 && checks.every((c) => c.state === 'pass');
process.exit(allPass ? 0 : 1);
