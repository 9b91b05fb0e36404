// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runChecker } from '@async-lab/course-tools/run-checker';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

it('the exercise checker fails on the starter', async () => {
  const run = await runChecker(pkgDir, 'starter');
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain('✗ answers 202 while the welcome e-mail is still being sent');
});

it('the exercise checker passes on the solution', async () => {
  const run = await runChecker(pkgDir, 'solution');
  expect(run.passed, run.output).toBe(true);
  expect(run.output).toContain('3 of 3 checks pass');
});

it.each([
  {
    wrong: 'one-task-for-both',
    fails:
      "✗ still records the sign-up (and answers 202) when the e-mail fails\n      sign-ups recorded: expected [ 'ada@example.com' ], got []",
  },
  {
    wrong: 'email-before-answer',
    fails:
      "✗ answers 202 while the welcome e-mail is still being sent\n      what the client got while the mail server was busy: expected 202, got 'no answer: the handler waits for the e-mail'",
  },
])('the exercise checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
  const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
  expect(run.passed, run.output).toBe(false);
  expect(run.output).toContain(fails);
});
