// Builds the small second snapshot the WebContainer runner mounts only when the container's Node cannot strip
// TypeScript types itself (older than 22.6; WebContainers default to Node 20 unless a project asks for 22):
// amaro (Node's own type stripper, as wasm) and the module hook in ./strip-types/ that applies it.
// Kept apart from the examples' snapshot so the common case does not download amaro's 1.4 MB.
//
// Its tree is mounted at node_modules/:  amaro/…  and  @async-lab/strip-types/…
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshot } from '@webcontainer/snapshot';
import { ensureGzip } from './snapshot-builder.ts';

const HOOK_DIR = fileURLToPath(new URL('./strip-types/', import.meta.url));
/** The files of amaro that `require('amaro')` loads (its wasm is inlined in internal.js), and its licence. */
const AMARO_FILES = ['package.json', 'LICENSE.md', 'dist/index.js', 'dist/internal.js', 'dist/errors.js'];

export interface StripTypesSnapshot {
  file: string;
  gzipFile: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildStripTypesSnapshot({ repoRoot }: { repoRoot: string }): Promise<StripTypesSnapshot> {
  // amaro's main is dist/index.js; its "exports" hide package.json from resolve().
  const amaroDir = dirname(dirname(createRequire(join(repoRoot, 'package.json')).resolve('amaro')));
  const files = new Map<string, Buffer>();
  for (const path of AMARO_FILES) files.set(`amaro/${path}`, readFileSync(join(amaroDir, path)));
  for (const name of readdirSync(HOOK_DIR))
    files.set(`@async-lab/strip-types/${name}`, readFileSync(join(HOOK_DIR, name)));

  const hash = createHash('sha256');
  for (const [path, content] of files) hash.update(path).update('\0').update(content).update('\0');
  const cacheDir = join(repoRoot, '.cache', 'snapshot');
  const file = join(cacheDir, `strip-types-${hash.digest('hex').slice(0, 16)}.bin`);
  if (!existsSync(file)) {
    await mkdir(cacheDir, { recursive: true });
    const tree = await writeTree(cacheDir, files);
    try {
      const bytes = await snapshot(tree);
      // Written beside, then renamed: a concurrent build never sees half a file.
      await writeFile(`${file}.${process.pid}.partial`, bytes);
      await rename(`${file}.${process.pid}.partial`, file);
    } finally {
      await rm(tree, { recursive: true, force: true });
    }
    for (const name of await readdir(cacheDir)) {
      if (/^strip-types-[0-9a-f]+\.bin(\.gz)?$/.test(name) && !name.startsWith(basename(file))) {
        await rm(join(cacheDir, name), { force: true });
      }
    }
  }
  return { file, bytes: (await stat(file)).size, ...(await ensureGzip(file)) };
}

/** @webcontainer/snapshot reads a folder: lay the files out in a fresh one under the cache. */
async function writeTree(cacheDir: string, files: Map<string, Buffer>): Promise<string> {
  const tree = join(cacheDir, `strip-types-tree-${process.pid}-${Date.now()}`);
  for (const [path, content] of files) {
    await mkdir(dirname(join(tree, path)), { recursive: true });
    await writeFile(join(tree, path), content);
  }
  return tree;
}
