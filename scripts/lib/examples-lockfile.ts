// examples/package-lock.json, cut from the repository's lockfile: a copied examples/ folder installs exactly the
// versions the repository's tests ran on. `npm run lock:examples` writes it; a site test checks it is current.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { subsetLockfile, type Lockfile, type Manifest } from '../../src/lib/content/lockfile-subset.ts';

export const repoRoot = join(import.meta.dirname, '../..');
export const examplesDir = join(repoRoot, 'examples');

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The examples' workspace packages: folder name and manifest. */
export function examplesWorkspace(): Array<{ folder: string; manifest: Manifest }> {
  return readdirSync(examplesDir)
    .filter((folder) => existsSync(join(examplesDir, folder, 'package.json')))
    .sort()
    .map((folder) => ({ folder, manifest: readJson<Manifest>(join(examplesDir, folder, 'package.json')) }));
}

export function examplesLockfile(): Lockfile {
  const rootLock = readJson<Lockfile>(join(repoRoot, 'package-lock.json'));
  return subsetLockfile(rootLock, {
    root: { manifest: readJson<Manifest>(join(examplesDir, 'package.json')), from: 'examples' },
    members: examplesWorkspace().map(({ folder, manifest }) => ({ manifest, from: `examples/${folder}`, to: folder })),
  });
}

export function formatLockfile(lock: Lockfile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}
