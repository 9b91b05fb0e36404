// Turns checker results into the text a learner reads: stable (no timings, no colours) so it
// reads the same in a plain terminal, a browser xterm and a recorded lesson.
import { stripVTControlCharacters } from 'node:util';
import { say } from './say.ts';

export type CheckState = 'pass' | 'fail';

export interface CheckResult {
  name: string;
  state: CheckState;
  /** Why a failed check failed, in one line. */
  reason?: string;
}

/**
 * `which`: 'starter' or 'solution' (a folder of exercise/), or the path of another folder of the same files.
 * `loadErrors`: the check file could not run (its first line is the headline, the rest is indented below).
 * `notes`: anything else the learner should know, shown below the checks; they do not change the verdict.
 * `checkFile`: the check file that ran, relative to the package.
 */
export function formatVerdict(
  which: string,
  checks: CheckResult[],
  loadErrors: string[],
  notes: string[] = [],
  checkFile = 'exercise/check.test.ts',
): string {
  const folder = which.includes('/') ? which : `exercise/${which}`;
  const lines = [say(`Checking ${folder} with ${checkFile}`, `用 ${checkFile} 检查 ${folder}`), ''];
  for (const check of checks) {
    lines.push(`  ${check.state === 'pass' ? '✓' : '✗'} ${check.name}`);
    if (check.reason) lines.push(`      ${check.reason}`);
  }
  for (const error of loadErrors) {
    const [head, ...rest] = error.split('\n');
    lines.push(`  ✗ ${head}`, ...rest.map((l) => `      ${l}`));
  }
  for (const note of notes) lines.push(`  ! ${note}`);
  lines.push('');

  const failed = checks.filter((c) => c.state === 'fail').length;
  if (loadErrors.length > 0 || checks.length === 0) {
    lines.push(
      say(
        'The checks could not run — fix the error above, then run the check again.',
        '检查没能运行：先修正上面的错误，再检查一次。',
      ),
    );
  } else if (failed === 0) {
    lines.push(
      say(`${checks.length} of ${checks.length} checks pass — well done!`, `${checks.length} 项检查全部通过，做得好！`),
    );
  } else {
    lines.push(
      say(
        `${failed} of ${checks.length} checks fail — see exercise/README.md for hints.`,
        `${checks.length} 项检查中有 ${failed} 项没有通过，提示见 exercise/README.md。`,
      ),
    );
  }
  return lines.join('\n');
}

export function firstLine(message: string | undefined): string {
  const line =
    stripVTControlCharacters(message ?? '')
      .split('\n')
      .find((l) => l.trim() !== '') ?? 'failed';
  return line.trim();
}
