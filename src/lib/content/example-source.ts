// Reads lesson code from examples/ at build time, so a lesson can only show code that is tested.
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';

export const examplesRoot = resolve(import.meta.dirname, '../../../examples');

export interface ExampleSource {
  /** Path relative to examples/, e.g. "05-queue-basics/src/worker.ts". */
  path: string;
  code: string;
  lang: string;
}

const regionStart = /^\s*\/\/\s*#region\s+(\S+)\s*$/;
const regionEnd = /^\s*\/\/\s*#endregion\b.*$/;

/** A file of an example package, or one `// #region name` … `// #endregion` part of it; markers are never shown. */
export function readExampleSource(example: string, file: string, region?: string): ExampleSource {
  const absolute = resolve(examplesRoot, example, file);
  const path = relative(examplesRoot, absolute);
  if (path.startsWith('..')) throw new Error(`Example file "${example}/${file}" points outside examples/.`);
  if (!existsSync(absolute)) {
    throw new Error(`Example file examples/${path} does not exist. Check the example and file props in the lesson.`);
  }
  const lines = readFileSync(absolute, 'utf8').replace(/\n$/, '').split('\n');
  const selected = region ? regionLines(lines, region, path) : lines;
  return {
    path,
    code: dedent(selected.filter((line) => !regionStart.test(line) && !regionEnd.test(line))).join('\n'),
    lang: languageOf(absolute),
  };
}

function regionLines(lines: string[], region: string, path: string): string[] {
  const start = lines.findIndex((line) => regionStart.exec(line)?.[1] === region);
  if (start === -1) {
    throw new Error(`Region "${region}" not found in examples/${path}. Mark it with "// #region ${region}".`);
  }
  const end = lines.findIndex((line, i) => i > start && regionEnd.test(line));
  if (end === -1) throw new Error(`Region "${region}" in examples/${path} has no "// #endregion".`);
  return lines.slice(start + 1, end);
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length);
  const cut = Math.min(...indents, Infinity);
  return cut === Infinity || cut === 0 ? lines : lines.map((l) => l.slice(cut));
}

const languages: Record<string, string> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.js': 'js',
  '.mjs': 'js',
  '.json': 'json',
  '.md': 'md',
  '.sh': 'sh',
  '.csv': 'csv',
};

function languageOf(file: string): string {
  return languages[extname(file)] ?? 'text';
}

export function examplePath(example: string, file: string): string {
  return join('examples', example, file);
}
