// Builds the WebContainer snapshot of examples/ with their dependencies, so a run in the browser needs no
// `npm install`. Used by the site build (./index.ts) and by hand: `node scripts/build-snapshot.ts [--out <file>]`.
// It lives under src/ because astro.config.mjs loads it (through the integration).
//
// The tree mirrors the repo:  examples/<pkg>/…  and  node_modules/…  at the top.
// - Every .ts file of the examples is there twice: as written (what the reader sees) and as its JavaScript twin
//   with the types stripped by amaro (src/lib/runtime/js-twin.ts, strip-types.ts), which is what runs. So any
//   Node from 18 on runs the examples, without flags or loader hooks; the package.json scripts name the twins.
// - Dependencies come from the repo's node_modules, pruned to what runs load (snapshot-dependencies.ts).
// - Workspace packages (@async-lab/memory-redis, …): node_modules/@async-lab/<pkg> is a tiny package whose entry
//   points re-export the JavaScript twins in examples/<pkg>, so there is one copy of each.
// The snapshot format (@webcontainer/snapshot) is msgpack of { d: { name: { d: … } | { f: { c: bytes } } } };
// the tree is assembled in memory and encoded in one go. Results are cached in .cache/snapshot/ by a hash of
// everything that goes in: the installed dependencies (name, version, place) and every file of examples/.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encode } from '@msgpack/msgpack';
import { isTypeScriptPath, jsTwinPath } from '../../lib/runtime/js-twin.ts';
import { stripToJsTwin, type AmaroTransform } from '../../lib/runtime/strip-types.ts';
import { collectDependencies, dependencyFiles, nodeRequirement } from './snapshot-dependencies.ts';

/** The code that decides what goes in: a change to any of it makes a new snapshot. */
const BUILDER_SOURCES = [
  import.meta.url,
  new URL('./snapshot-dependencies.ts', import.meta.url).href,
  new URL('../../lib/runtime/js-twin.ts', import.meta.url).href,
  new URL('../../lib/runtime/strip-types.ts', import.meta.url).href,
];
const WORKSPACE_SCOPE = '@async-lab/';
/** Folders of an example package that no run reads: its tests and test kits, fixtures, scripts, run leftovers. */
// .cache: a Node of its own that examples/tools/current-node.mjs may have fetched on a machine with an old one.
const UNUSED_EXAMPLE_FOLDER = new Set([
  'node_modules',
  'test',
  'testing',
  'fixtures',
  'scripts',
  'outbox',
  '.vite',
  '.cache',
]);
/** Files no run reads: docs (exercise/README.md), editor and test-runner configs. */
const UNUSED_EXAMPLE_FILE = /(\.md|^tsconfig.*\.json|^vitest\.config\.ts)$/;

export interface SnapshotResult {
  /** The snapshot file in the cache. */
  file: string;
  /** The same, gzip-compressed: what the site ships (a quarter of the size, whatever the host compresses). */
  gzipFile: string;
  gzipBytes: number;
  bytes: number;
  /** True when nothing had to be built. */
  cached: boolean;
  hash: string;
  /** .node files left out of the dependencies. */
  removedNativeFiles: string[];
}

export interface BuildSnapshotOptions {
  repoRoot: string;
  log?: (message: string) => void;
}

export async function buildSnapshot({ repoRoot, log = () => {} }: BuildSnapshotOptions): Promise<SnapshotResult> {
  const examplesDir = join(repoRoot, 'examples');
  const cacheDir = join(repoRoot, '.cache', 'snapshot');
  const packages = readExamplePackages(examplesDir);
  const dependencies = collectDependencies(repoRoot, packages);
  const exampleFiles = listExampleFiles(examplesDir, packages);
  const amaro = loadAmaro();

  const hash = hashOf([
    ...BUILDER_SOURCES.map((url) => readFileSync(new URL(url))),
    amaro.version,
    JSON.stringify(dependencies),
    ...exampleFiles.flatMap((path) => [path, readFileSync(join(examplesDir, path))]),
  ]);
  const file = join(cacheDir, `examples-${hash}.bin`);
  if (existsSync(file)) {
    const gzip = await ensureGzip(file);
    return { file, bytes: (await stat(file)).size, ...gzip, cached: true, hash, removedNativeFiles: [] };
  }

  log(`assembling the snapshot: ${dependencies.length} installed packages, ${exampleFiles.length} example files…`);
  const tree = new Map<string, Uint8Array>();
  const deps = dependencyFiles(repoRoot, dependencies);
  for (const [path, absolute] of deps.files) tree.set(path, readFileSync(absolute));
  const requirements = new Map(packages.map((pkg) => [pkg.folder, nodeRequirement(repoRoot, pkg.folder)]));
  for (const path of exampleFiles) {
    const content = readFileSync(join(examplesDir, path));
    const requirement = requirements.get(path.split('/')[0]!);
    for (const [treePath, entry] of exampleEntries(path, content, amaro.transformSync, requirement)) {
      tree.set(`examples/${treePath}`, entry);
    }
  }
  for (const pkg of packages) writeWorkspaceShim(tree, pkg);

  const bytes = encodeSnapshot(tree);
  await mkdir(cacheDir, { recursive: true });
  // Written beside, then renamed: a concurrent build never sees half a file.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  await removeOlderBuilds(cacheDir, basename(file));
  log(`snapshot ${relative(repoRoot, file)}: ${(bytes.byteLength / 1e6).toFixed(1)} MB`);
  const gzip = await ensureGzip(file);
  return { file, bytes: bytes.byteLength, ...gzip, cached: false, hash, removedNativeFiles: deps.removedNativeFiles };
}

export async function ensureGzip(file: string): Promise<{ gzipFile: string; gzipBytes: number }> {
  const gzipFile = `${file}.gz`;
  if (!existsSync(gzipFile)) {
    const partial = `${gzipFile}.${process.pid}.partial`;
    await writeFile(partial, gzipSync(await readFile(file), { level: 9 }));
    await rename(partial, gzipFile);
  }
  return { gzipFile, gzipBytes: (await stat(gzipFile)).size };
}

/** Snapshots of earlier inputs are never used again; keep the cache to the current one. */
async function removeOlderBuilds(cacheDir: string, keep: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith(keep) || name.includes('.partial')) continue;
    if (/^(examples-[0-9a-f]+\.bin(\.gz)?|deps-[0-9a-f]+|tree-.*|strip-types-.*)$/.test(name)) {
      await rm(join(cacheDir, name), { recursive: true, force: true });
    }
  }
}

interface ExamplePackage {
  folder: string;
  manifest: {
    name?: string;
    type?: string;
    exports?: string | Record<string, string>;
    scripts?: Record<string, string>;
  };
}

function readExamplePackages(examplesDir: string): ExamplePackage[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'package.json')))
    .map((entry) => ({
      folder: entry.name,
      manifest: JSON.parse(readFileSync(join(examplesDir, entry.name, 'package.json'), 'utf8')),
    }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/** Files of examples/ (relative paths, sorted) that runs read: examples/package.json, tools/ and the packages' own. */
function listExampleFiles(examplesDir: string, packages: ExamplePackage[]): string[] {
  const files = ['package.json'];
  const walk = (prefix: string) => {
    const entries = readdirSync(join(examplesDir, prefix), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${prefix}/${entry.name}`;
      if (entry.isDirectory() && !UNUSED_EXAMPLE_FOLDER.has(entry.name)) walk(path);
      else if (entry.isFile() && !UNUSED_EXAMPLE_FILE.test(entry.name)) files.push(path);
    }
  };
  // examples/tools is no package, but example code imports from it (09's outage demo starts a redis-server there);
  // its JavaScript (install-time helpers) would be taken for twins, and no run needs it.
  if (existsSync(join(examplesDir, 'tools'))) {
    walk('tools');
    files.splice(0, files.length, ...files.filter((path) => !/^tools\/.*\.[mc]?js$/.test(path)));
  }
  for (const pkg of packages) {
    walk(pkg.folder);
    // A .js twin is only ESM in a "type": "module" package; a .js source of our own would be taken for a twin.
    const own = files.filter((path) => path.startsWith(`${pkg.folder}/`));
    if (own.some(isTypeScriptPath) && pkg.manifest.type !== 'module') {
      throw new Error(`examples/${pkg.folder}/package.json needs "type": "module": its .ts files run as ES modules.`);
    }
    // JavaScript of our own is fine (a page's script, served to the browser), unless a .ts file's twin needs its name.
    const clash = own.find((path) => isTypeScriptPath(path) && own.includes(jsTwinPath(path)));
    if (clash) {
      throw new Error(
        `examples/${jsTwinPath(clash)} and examples/${clash} cannot both exist: in the WebContainer the .ts file runs as its JavaScript twin, ${jsTwinPath(clash)}.`,
      );
    }
  }
  return files;
}

/** What one file of examples/ becomes in the snapshot: itself, plus its JavaScript twin for a .ts file. */
function exampleEntries(
  path: string,
  content: Buffer,
  transformSync: AmaroTransform,
  nodeRequirement: string | undefined,
): [string, Uint8Array][] {
  if (isTypeScriptPath(path)) {
    const twin = stripToJsTwin(content.toString('utf8'), transformSync);
    if (twin.startsWith('// This file could not be stripped')) {
      throw new Error(`examples/${path} could not be stripped of its types:\n${twin}`);
    }
    return [
      [path, content],
      [jsTwinPath(path), Buffer.from(twin)],
    ];
  }
  if (path.split('/').length === 2 && basename(path) === 'package.json') {
    return [[path, Buffer.from(forTheContainer(content.toString('utf8'), nodeRequirement))]];
  }
  return [[path, content]];
}

/**
 * An example's package.json as the container reads it: `npm run start` runs the twin ("node src/main.ts" →
 * "node src/main.js"), and engines.node says the oldest Node its dependencies declare they need (the runner
 * compares it with the container's Node; see snapshot-dependencies.ts).
 */
function forTheContainer(json: string, nodeRequirement: string | undefined): string {
  const manifest = JSON.parse(json) as ExamplePackage['manifest'] & { engines?: Record<string, string> };
  for (const [name, script] of Object.entries(manifest.scripts ?? {})) {
    manifest.scripts![name] = script.replace(/[^\s'"]+/g, (word) => (word.startsWith('-') ? word : jsTwinPath(word)));
  }
  if (nodeRequirement) manifest.engines = { ...manifest.engines, node: `>=${nodeRequirement}` };
  else delete manifest.engines?.node;
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** node_modules/@async-lab/<pkg>: JS entry points re-exporting the package's twins in examples/<pkg>. */
function writeWorkspaceShim(tree: Map<string, Uint8Array>, pkg: ExamplePackage): void {
  const { name, exports } = pkg.manifest;
  if (!name?.startsWith(WORKSPACE_SCOPE) || !exports) return;
  const entries = typeof exports === 'string' ? { '.': exports } : exports;
  const shimDir = `node_modules/${name}`;
  const shimExports: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(entries)) {
    const shimFile = `${subpath === '.' ? 'index' : subpath.replace(/^\.\//, '').replace(/\//g, '-')}.js`;
    const source = `examples/${pkg.folder}/${target.replace(/^\.\//, '')}`;
    const original = tree.get(source);
    if (!original) continue; // a test kit's entry point (testing/…): runs never load it
    const specifier = `${'../'.repeat(shimDir.split('/').length)}${jsTwinPath(source)}`;
    const hasDefault = /^export default\b|^export \{[^}]*\bdefault\b/m.test(Buffer.from(original).toString('utf8'));
    const lines = [
      `// Generated by the snapshot builder: one copy of the package, in examples/${pkg.folder}.`,
      `export * from '${specifier}';`,
      ...(hasDefault ? [`export { default } from '${specifier}';`] : []),
    ];
    tree.set(`${shimDir}/${shimFile}`, Buffer.from(lines.join('\n') + '\n'));
    shimExports[subpath] = `./${shimFile}`;
  }
  const manifest = { name, private: true, type: 'module', exports: shimExports };
  tree.set(`${shimDir}/package.json`, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
}

type SnapshotFolder = { d: Record<string, SnapshotFolder | { f: { c: Uint8Array } }> };

/** The @webcontainer/snapshot format for a flat list of files (folders are implied by the paths). */
export function encodeSnapshot(files: Map<string, Uint8Array>): Uint8Array {
  const root: SnapshotFolder = { d: {} };
  for (const path of [...files.keys()].sort()) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      const next = (folder.d[part] ??= { d: {} });
      if (!('d' in next)) throw new Error(`${path}: ${part} is a file and a folder`);
      folder = next;
    }
    folder.d[parts.at(-1)!] = { f: { c: files.get(path)! } };
  }
  return encode(root);
}

/** amaro, Node's own type stripper: the devDependency the page's worker bundles too. */
function loadAmaro(): { version: string; transformSync: AmaroTransform } {
  const require = createRequire(import.meta.url);
  const main = require.resolve('amaro');
  const amaro = require(main) as { transformSync: AmaroTransform };
  // amaro's "exports" hide its package.json from require(); it sits above dist/.
  const manifest = JSON.parse(readFileSync(join(dirname(dirname(main)), 'package.json'), 'utf8')) as {
    version: string;
  };
  return { version: manifest.version, transformSync: amaro.transformSync };
}

function hashOf(parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
}
