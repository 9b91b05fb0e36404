// The exercise checker must fail on the starter and on plausible wrong solutions (test/wrong-solutions/),
// each for the right reason, and pass on the solution: or it has stopped checking.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChecker } from '../../course-tools/src/run-checker.ts';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

// The checker runs in child processes (it, and the check file under node:test): slow on a busy 2-core machine.
describe('exercise: idempotent sending', { timeout: 60_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter');
    expect(run.passed, run.output).toBe(false);
  });

  it('the checker passes on the solution', async () => {
    const run = await runChecker(pkgDir, 'solution');
    expect(run.passed, run.output).toBe(true);
  });

  it('the solution is the very code the package runs (src/mail/send-once.ts)', async () => {
    const read = (file: string) => readFile(new URL(`../${file}`, import.meta.url), 'utf8');
    expect(await read('exercise/solution/send-once.ts')).toBe(await read('src/mail/send-once.ts'));
  });

  it.each([
    {
      wrong: 'claim-without-expiry',
      fails:
        '✗ puts an expiry on the claim, so a worker that dies mid-send does not block the e-mail for ever\n' +
        '      while send() runs, the claim should expire by itself (SET … PX): PTTL was -1',
    },
    {
      wrong: 'deletes-any-claim',
      fails:
        "✗ releases only its own claim, never the next attempt's\n" +
        '      a failed send must not delete a key it no longer owns',
    },
    {
      wrong: 'sent-without-expiry',
      fails:
        '✗ puts an expiry on the "sent" marker, so markers do not pile up in Redis\n' +
        '      the "sent" marker should expire (SET … EX): PTTL was -1',
    },
  ])('the exercise checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
