// Makes the JavaScript twin of a TypeScript file (see js-twin.ts) the way Node itself strips types: with amaro,
// Node's own type stripper, in strip-only mode. Types become spaces, so every line and column stays where the
// reader sees it in the .ts file, and an error's line number is the reader's line.
//
// Used at build time for the snapshot (Node) and in the page for the reader's edits (a worker, where amaro's
// WebAssembly may be compiled): both pass in amaro's transformSync, so this file imports nothing.
//
// Code that cannot be stripped (a syntax error, an enum) still gets a twin: a module that fails as Node 22.18+
// fails on that .ts file, with the same words (SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX], the file and line,
// the marked line), so the reader sees their mistake where they made it, and the exercise checker reports it
// like any error that stops a file loading.
import { pointAtJsTwins } from './js-twin.ts';

/** amaro's transformSync, as much of it as is used here. */
export type AmaroTransform = (source: string, options: { mode: 'strip-only'; filename?: string }) => { code: string };

/** What amaro throws for code it cannot strip (its fields, as amaro 1.x sets them). */
interface AmaroError {
  code: 'InvalidSyntax' | 'UnsupportedSyntax' | string;
  message: string;
  snippet?: string;
  startLine?: number;
  startColumn?: number;
}

export function stripToJsTwin(source: string, transformSync: AmaroTransform): string {
  try {
    return pointAtJsTwins(transformSync(source, { mode: 'strip-only' }).code);
  } catch (error) {
    if (!isAmaroError(error)) throw error;
    return failingTwin(error);
  }
}

function isAmaroError(error: unknown): error is AmaroError {
  return typeof error === 'object' && error !== null && typeof (error as AmaroError).code === 'string';
}

/**
 * A module that throws what Node would: the header "file:///…/x.ts:LINE", amaro's snippet with the marker, then
 * "SyntaxError [ERR_…]: message" and a stack frame at the spot. Thrown after an await, so Node does not print
 * this generated line as the place of the error.
 */
function failingTwin(error: AmaroError): string {
  const code =
    error.code === 'UnsupportedSyntax' ? 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' : 'ERR_INVALID_TYPESCRIPT_SYNTAX';
  const line = error.startLine ?? 1;
  const column = (error.startColumn ?? 0) + 1;
  const snippet = (error.snippet ?? '').replace(/\n?$/, '\n');
  return [
    '// This file could not be stripped of its TypeScript types; loading it reports why, as Node would.',
    `const file = import.meta.url.replace(/\\.([mc]?)js$/, '.$1ts');`,
    `const error = new SyntaxError(${JSON.stringify(error.message)});`,
    `Object.defineProperty(error, 'code', { value: ${JSON.stringify(code)}, enumerable: true });`,
    `error.stack = file + ':${line}\\n' + ${JSON.stringify(snippet)} + '\\nSyntaxError [${code}]: ' + error.message + '\\n    at ' + file + ':${line}:${column}';`,
    'await null;',
    'throw error;',
    '',
  ].join('\n');
}
