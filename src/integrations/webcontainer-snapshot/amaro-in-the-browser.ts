// A Vite plugin that lets the page's type-stripping worker (src/lib/runtime/strip-types-worker.ts) use amaro,
// Node's own type stripper, so the reader's edits are stripped exactly as the snapshot's files were.
// amaro ships one CommonJS file for Node (dist/internal.js: wasm-bindgen glue plus the WebAssembly inlined as
// base64) that asks for two Node modules; this serves it as an ES module with those two answered by the browser:
// TextDecoder/TextEncoder for "util", and a base64 decoder for the one Buffer.from(…, 'base64') call.
// (The WebAssembly is compiled synchronously, which browsers allow off the main thread only: hence a worker.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** What the worker imports. */
export const AMARO_BROWSER_MODULE = 'virtual:amaro-browser';
const RESOLVED = `\0${AMARO_BROWSER_MODULE}`;

export function amaroInTheBrowser(): Plugin {
  return {
    name: 'async-lab-amaro-in-the-browser',
    resolveId(id) {
      return id === AMARO_BROWSER_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      return id === RESOLVED ? amaroAsEsModule() : undefined;
    },
  };
}

export function amaroAsEsModule(): string {
  const main = createRequire(import.meta.url).resolve('amaro');
  const internal = readFileSync(join(dirname(main), 'internal.js'), 'utf8');
  if (!internal.includes('require("util")') || !internal.includes('require("node:buffer")')) {
    throw new Error(
      'amaro/dist/internal.js no longer asks for exactly "util" and "node:buffer": update src/integrations/webcontainer-snapshot/amaro-in-the-browser.ts.',
    );
  }
  return [
    'const require = (name) => {',
    "  if (name === 'util') return { TextDecoder, TextEncoder };",
    "  if (name === 'node:buffer') return { Buffer: { from: (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)) } };",
    '  throw new Error(`amaro in the browser asked for ${name}`);',
    '};',
    // A function scope, as Node gives a CommonJS file: its top-level names stay its own.
    'const amaro = (() => {',
    'const module = { exports: {} };',
    'const exports = module.exports;',
    internal,
    'return module.exports;',
    '})();',
    'export const transformSync = amaro.transformSync;',
    '',
  ].join('\n');
}
