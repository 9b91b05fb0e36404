// Zips example packages at build time: one package for the playground's Download link, and the whole of
// examples/ for the "Run it on your machine" page.
import { readdirSync, readFileSync } from 'node:fs';
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

/** The folder the whole-examples download unpacks to. */
export const allExamplesFolder = 'async-lab-examples';

/** What a copy of examples/ leaves out: installed packages, caches, and mail the capstone wrote. */
const notInCopy = /(^|\/)(node_modules|\.cache|outbox|\.DS_Store)(\/|$)|\.log$/;

/**
 * The whole of examples/ as one zip (the "Run it on your machine" page): every package, the workspace's
 * package.json and lockfile, its tools and tests, as the repository has them, under async-lab-examples/.
 */
export function zipAllExamples(): Uint8Array<ArrayBuffer> {
  const files: Zippable = {};
  for (const file of filesUnder(examplesRoot)) {
    if (notInCopy.test(file)) continue;
    files[`${allExamplesFolder}/${file}`] = [readFileSync(join(examplesRoot, file)), { mtime }];
  }
  return zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>;
}

function filesUnder(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (notInCopy.test(path)) return [];
      return entry.isDirectory() ? filesUnder(root, path) : [path];
    });
}
