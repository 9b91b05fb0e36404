// When exercise/check.test.ts cannot even load (a syntax error in the learner's file, a missing export),
// node:test only says "test failed" for the file; what went wrong is in the stderr of the process that ran
// it, as Node prints an uncaught error:
//
//   file:///…/exercise/starter/add.ts:2          ← where
//     return a +;                                 ← the line
//               ^                                 ← the spot
//
//   SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected
//       at parseTypeScript (node:internal/…)      ← Node's internals: of no use to a learner
//
// This keeps the error line, where and the marked line, with paths relative to the package folder. (Node
// 22.12–22.17 prints a TypeScript syntax error differently: a code frame inside the message, no file name.)
import { stripVTControlCharacters } from 'node:util';
import { say } from './say.ts';

/** Lines of a learner's error worth reading before the stack starts; more is noise. */
const MAX_MESSAGE_LINES = 6;

export interface LoadFailure {
  /** Everything the check file's process wrote to stderr. */
  stderr: string;
  exitCode?: number | null;
  signal?: string | null;
}

/** Returns the error as lines (the first is the headline); the paths are made relative to `pkgDir`. */
export function describeLoadError({ stderr, exitCode, signal }: LoadFailure, pkgDir: string, file: string): string {
  const lines = relative(stripVTControlCharacters(stderr), pkgDir)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => !isNoise(l));

  const errorAt = lines.findIndex((l) => ERROR_LINE.test(l));
  if (errorAt === -1) {
    const text = lines.filter((l) => l.trim() !== '').slice(0, MAX_MESSAGE_LINES);
    if (text.length > 0) return text.join('\n');
    const name = relative(file, pkgDir);
    if (signal) return say(`${name} was stopped by ${signal}`, `${name} 被 ${signal} 信号停止了`);
    const code = exitCode ?? say('unknown', '未知');
    return say(
      `${name} ended early, with exit code ${code} (does the code call process.exit()?)`,
      `${name} 提前结束了，退出码 ${code}（代码里是不是调用了 process.exit()？）`,
    );
  }

  const message = [lines[errorAt]!.replace(/ \[[A-Z0-9_]+\]:/, ':').replace(/:\s+x\s+/, ': ')];
  for (const line of lines.slice(errorAt + 1)) {
    if (line.trim() === '' || /^\s+at |^\s*\{$|^\s*`-+$|^Caused by:/.test(line)) break; // the stack, or the end
    message.push(line);
    // Older Node (22.12–22.17) prints TypeScript syntax errors with a code frame: it ends at the marked line.
    if (/^\s*:\s*\^/.test(line) || message.length >= MAX_MESSAGE_LINES) break;
  }
  return [...message, ...where(lines.slice(0, errorAt))].join('\n');
}

/** An error headline Node prints for an uncaught error: "SyntaxError [ERR_X]: …", "Error: …". */
const ERROR_LINE = /^(?:[A-Z]\w*)?(?:Error|Exception)(?: \[[A-Z0-9_]+\])?: /;

/** The "file:line" header, the source line and its ^ marker, unless they point into Node itself. */
function where(before: string[]): string[] {
  const headerAt = before.findLastIndex((l) => /^(?:file:\/\/)?[^\s:]+\.\w+:\d+$/.test(l));
  if (headerAt === -1 || before[headerAt]!.startsWith('node:')) return [];
  const excerpt = before.slice(headerAt + 1);
  const caretAt = excerpt.findIndex((l) => /^\s*[\^~]+\s*$/.test(l));
  const source = caretAt > 0 ? [excerpt[caretAt - 1]!, excerpt[caretAt]!] : excerpt.filter((l) => l.trim()).slice(0, 1);
  return [before[headerAt]!, ...source];
}

/** Lines Node adds around an uncaught error that say nothing about the learner's code. */
function isNoise(line: string): boolean {
  return (
    /^\(node:\d+\) /.test(line) || // warnings, e.g. "ExperimentalWarning: Type Stripping is an experimental feature"
    line.startsWith('(Use `node --trace-') ||
    /^Node\.js v\d/.test(line) ||
    /^node:internal\/\S+:\d+$/.test(line) ||
    /^\s*triggerUncaughtException\(/.test(line)
  );
}

function relative(text: string, pkgDir: string): string {
  const dir = pkgDir.endsWith('/') ? pkgDir : `${pkgDir}/`;
  return text.replaceAll(`file://${dir}`, '').replaceAll(dir, '');
}
