// The progress-client exercise's checker (an EventSource client of GET /task-events/:id) must fail on the
// starter and on plausible wrong solutions (test/wrong-solutions/), each for the right reason, and pass on the
// solution, on both Redis backends.
import { fileURLToPath } from 'node:url';
import { runChecker } from '@async-lab/course-tools/run-checker';
import { onceAcrossBackends } from '@async-lab/course-tools/testing/test-backend';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const exercise = 'progress-client';

describe('exercise: an EventSource progress client', { timeout: 90_000 }, () => {
  it('the checker fails on the starter', async () => {
    const run = await runChecker(pkgDir, 'starter', { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(
      '✗ shows every progress step of a task, then its result\n' +
        '      progress the view was shown: expected [ 25, 50, 75, 100 ], got []',
    );
  });

  it('the checker passes on the solution', async () => {
    const run = await runChecker(pkgDir, 'solution', { exercise });
    expect(run.passed, run.output).toBe(true);
    expect(run.output).toContain('5 of 5 checks pass');
  });

  // Wrong solutions: in the in-memory pass only (onceAcrossBackends).
  it.runIf(onceAcrossBackends()).each([
    {
      wrong: 'onmessage-only',
      fails:
        '✗ shows every progress step of a task, then its result\n' +
        '      progress the view was shown: expected [ 25, 50, 75, 100 ], got []',
    },
    {
      wrong: 'gives-up-on-error',
      fails:
        '✗ keeps following through a dropped connection (EventSource reconnects by itself)\n' +
        "      what the view was told at the end: expected [ { status: 'completed', result: 5 } ], got [ { status: 'failed', failedReason: 'connection lost' } ]",
    },
    {
      wrong: 'never-closes',
      fails:
        '✗ closes the EventSource once the task has ended, so it does not reconnect\n' +
        '      readyState after the end (2 is CLOSED): expected 2, got ',
    },
  ])('the checker fails the wrong solution $wrong', async ({ wrong, fails }) => {
    const run = await runChecker(pkgDir, { dir: `test/wrong-solutions/${wrong}` }, { exercise });
    expect(run.passed, run.output).toBe(false);
    expect(run.output).toContain(fails);
  });
});
