// Zips an example package (without node_modules) for the playground's Download link, at build time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { packageFiles } from './example-files.ts';
import { examplesRoot } from './example-source.ts';

/** Fixed timestamp so the same sources always give the same zip bytes. */
const mtime = new Date('2026-01-01T00:00:00Z');

export function zipExample(example: string): Uint8Array<ArrayBuffer> {
  const files: Zippable = {};
  for (const file of packageFiles(example)) {
    files[`${example}/${file}`] = [readFileSync(join(examplesRoot, example, file)), { mtime }];
  }
  return zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>;
}
