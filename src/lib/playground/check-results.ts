// Reads the verdict of examples/course-tools/src/check-exercise.ts from its output, so the playground can show
// pass/fail per check. The checker prints "  ✓ name" / "  ✗ name" lines, failure details indented below a
// failed check, and a summary line; the output has no colours (see examples/course-tools/README.md).
import { stripAnsi } from './ansi.ts';

export interface CheckResult {
  name: string;
  passed: boolean;
  /** Why a failed check failed (the indented lines under it). */
  details: string;
}

export interface CheckVerdict {
  checks: CheckResult[];
  /** Every check passed and the checker exited 0. */
  passed: boolean;
  /** The checker's summary line, e.g. "1 of 2 checks fail — see exercise/README.md for hints." */
  summary: string;
}

const checkLine = /^ {2}([✓✗]) (.+)$/;

export function parseCheckOutput(output: string, exitCode: number | null): CheckVerdict {
  const lines = stripAnsi(output).replace(/\r\n/g, '\n').split('\n');
  const checks: CheckResult[] = [];
  let summary = '';
  for (const line of lines) {
    const match = checkLine.exec(line);
    if (match) {
      checks.push({ name: match[2]!.trim(), passed: match[1] === '✓', details: '' });
    } else if (/^ {4,}\S/.test(line) && checks.length > 0) {
      const last = checks[checks.length - 1]!;
      last.details = last.details ? `${last.details}\n${line.trim()}` : line.trim();
    } else if (line.trim() && !line.startsWith(' ') && !line.startsWith('Checking ')) {
      summary = line.trim();
    }
  }
  return { checks, passed: exitCode === 0 && checks.length > 0 && checks.every((c) => c.passed), summary };
}
