// Builds the WebContainer snapshot of examples/ with their dependencies, so a run in the browser needs no
// `npm install`. Used by the site build (./index.ts) and by hand: `node scripts/build-snapshot.ts [--out <file>]`.
// It lives under src/ because astro.config.mjs loads it (through the integration).
//
// The tree it snapshots mirrors the repo:  examples/<pkg>/…  and  node_modules/…  at the top, plus a package.json
// and .nvmrc that ask WebContainers for Node 22.22 (their default has been Node 20, which cannot strip types;
// the runner copes with either, see src/lib/runtime/node-typescript.ts).
// - Dependencies are installed fresh into a temp folder with --no-bin-links (the snapshot format has no
//   symlinks), --omit=optional and --ignore-scripts (no native addons: WebContainers cannot load .node files);
//   any .node file that still arrives is removed, and a symlink anywhere is an error.
// - Workspace packages (@async-lab/memory-redis, …) cannot simply be copied into node_modules: Node refuses to
//   strip types from .ts files under node_modules. So node_modules/@async-lab/<pkg> is a tiny JS package whose
//   entry points re-export ../../../examples/<pkg>/src/….ts, which Node then loads from outside node_modules.
// Results are cached in .cache/snapshot/ by a hash of the inputs: the install by the package manifests, the
// snapshot by every file of examples/ as well.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { snapshot } from '@webcontainer/snapshot';
import { REQUESTED_NODE_VERSION } from '../../lib/runtime/node-typescript.ts';

/** Bump when the layout of the snapshot changes, so old caches are not reused. */
const BUILDER_VERSION = '3';
const WORKSPACE_SCOPE = '@async-lab/';
/** Tooling that is not needed to run the examples in the browser (playwright-core: 07's page tests). */
const SKIPPED_DEPENDENCY = /^(@types\/|typescript$|vitest$|@vitest\/|playwright-core$)/;
/** Not needed at run time (types, source maps, docs); dropping them shrinks the snapshot by about a third. */
const STRIPPED_FILE = /(\.d\.[cm]?ts|\.map|\.tsbuildinfo|\.md|\.markdown)$/i;
/** A package's own tests, docs and samples, at the top of the package only. */
const STRIPPED_PACKAGE_FOLDER = new Set([
  'test',
  'tests',
  '__tests__',
  'docs',
  'benchmarks',
  'benchmark',
  'example',
  'examples',
]);
// .cache: a Node of its own that examples/tools/current-node.mjs may have fetched on a machine with an old one.
const EXCLUDED_FROM_EXAMPLES = new Set(['node_modules', 'outbox', '.vite', '.cache']);

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
  /** .node files removed from the installed dependencies. */
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
  const dependencies = collectDependencies(packages);

  const depsHash = hashOf([BUILDER_VERSION, process.versions.node.split('.')[0]!, JSON.stringify(dependencies)]);
  const exampleFiles = listFiles(examplesDir, EXCLUDED_FROM_EXAMPLES);
  const hash = hashOf([depsHash, ...exampleFiles.map((path) => `${path}\0${readFileSync(join(examplesDir, path))}`)]);
  const file = join(cacheDir, `examples-${hash}.bin`);
  if (existsSync(file)) {
    const gzip = await ensureGzip(file);
    return { file, bytes: (await stat(file)).size, ...gzip, cached: true, hash, removedNativeFiles: [] };
  }

  await mkdir(cacheDir, { recursive: true });
  const depsDir = join(cacheDir, `deps-${depsHash}`);
  let removedNativeFiles: string[] = [];
  if (!existsSync(join(depsDir, 'node_modules'))) {
    log(`installing ${Object.keys(dependencies).length} dependencies of the examples (npm)…`);
    removedNativeFiles = await installDependencies(dependencies, depsDir);
  }

  log('assembling the snapshot tree…');
  const tree = await mkdtemp(join(cacheDir, 'tree-'));
  try {
    await cp(join(depsDir, 'node_modules'), join(tree, 'node_modules'), { recursive: true });
    await cp(examplesDir, join(tree, 'examples'), {
      recursive: true,
      filter: (source) => !EXCLUDED_FROM_EXAMPLES.has(basename(source)),
    });
    for (const pkg of packages) await writeWorkspaceShim(tree, pkg);
    await writeNodeVersionRequest(tree);
    assertSnapshotable(tree);

    const bytes = await snapshot(tree);
    // Written beside, then renamed: a concurrent build never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, file);
    await removeOlderBuilds(cacheDir, [basename(file), basename(depsDir)]);
    log(`snapshot ${relative(repoRoot, file)}: ${(bytes.byteLength / 1e6).toFixed(1)} MB`);
    const gzip = await ensureGzip(file);
    return { file, bytes: bytes.byteLength, ...gzip, cached: false, hash, removedNativeFiles };
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
}

export async function ensureGzip(file: string): Promise<{ gzipFile: string; gzipBytes: number }> {
  const gzipFile = `${file}.gz`;
  if (!existsSync(gzipFile)) {
    const partial = `${gzipFile}.${process.pid}.partial`;
    await writeFile(partial, gzipSync(await readFile(file), { level: 6 }));
    await rename(partial, gzipFile);
  }
  return { gzipFile, gzipBytes: (await stat(gzipFile)).size };
}

/** Snapshots and installs of earlier inputs are never used again; keep the cache to the current pair. */
async function removeOlderBuilds(cacheDir: string, keep: string[]): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (keep.includes(name) || name.includes('.partial') || name.startsWith('tree-')) continue;
    if (keep.some((kept) => name.startsWith(kept))) continue;
    if (/^(examples-[0-9a-f]+\.bin(\.gz)?|deps-[0-9a-f]+)$/.test(name))
      await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

interface ExamplePackage {
  folder: string;
  manifest: {
    name?: string;
    exports?: string | Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
}

function readExamplePackages(examplesDir: string): ExamplePackage[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'package.json')))
    .map((entry) => ({
      folder: entry.name,
      manifest: JSON.parse(readFileSync(join(examplesDir, entry.name, 'package.json'), 'utf8')),
    }));
}

/** Every third-party package any example uses, at the one version the examples pin. */
function collectDependencies(packages: ExamplePackage[]): Record<string, string> {
  const chosen = new Map<string, { version: string; by: string }>();
  for (const { folder, manifest } of packages) {
    for (const [name, version] of Object.entries({ ...manifest.devDependencies, ...manifest.dependencies })) {
      if (name.startsWith(WORKSPACE_SCOPE) || SKIPPED_DEPENDENCY.test(name)) continue;
      const earlier = chosen.get(name);
      if (earlier && earlier.version !== version) {
        throw new Error(
          `examples/${folder} pins ${name}@${version} but examples/${earlier.by} pins ${version}: the snapshot has one node_modules, so pin the same version in both.`,
        );
      }
      chosen.set(name, { version, by: folder });
    }
  }
  return Object.fromEntries([...chosen].sort(([a], [b]) => a.localeCompare(b)).map(([n, { version }]) => [n, version]));
}

async function installDependencies(dependencies: Record<string, string>, depsDir: string): Promise<string[]> {
  const work = `${depsDir}.${process.pid}.partial`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await writeFile(
    join(work, 'package.json'),
    JSON.stringify({ name: 'async-lab-snapshot', private: true, type: 'module', dependencies }, null, 2),
  );
  const args = [
    'install',
    '--no-bin-links',
    '--omit=optional',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--no-package-lock',
    '--loglevel=error',
  ];
  const result = spawnSync('npm', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(
      `npm install for the WebContainer snapshot failed (it needs the npm registry; to build without the snapshot, set ASYNC_LAB_SKIP_SNAPSHOT=1):\n${result.stderr || result.stdout || result.error}`,
    );
  }
  await mkdir(join(work, 'node_modules'), { recursive: true }); // npm makes none when there is nothing to install
  await pruneTopFolders(join(work, 'node_modules'));
  const removed: string[] = [];
  for (const path of listFiles(join(work, 'node_modules'))) {
    if (path.endsWith('.node') || STRIPPED_FILE.test(path)) {
      if (path.endsWith('.node')) removed.push(path);
      await rm(join(work, 'node_modules', path));
    }
  }
  await rm(depsDir, { recursive: true, force: true });
  await rename(work, depsDir);
  return removed;
}

/** Removes STRIPPED_PACKAGE_FOLDER folders at the top of every installed package (nested ones included). */
async function pruneTopFolders(nodeModules: string): Promise<void> {
  for (const entry of await readdir(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const packages = entry.name.startsWith('@')
      ? (await readdir(join(nodeModules, entry.name))).map((name) => join(nodeModules, entry.name, name))
      : [join(nodeModules, entry.name)];
    for (const pkg of packages) {
      for (const folder of STRIPPED_PACKAGE_FOLDER) await rm(join(pkg, folder), { recursive: true, force: true });
      if (existsSync(join(pkg, 'node_modules'))) await pruneTopFolders(join(pkg, 'node_modules'));
    }
  }
}

/** node_modules/@async-lab/<pkg>: plain JS entry points re-exporting the package's .ts sources in examples/. */
async function writeWorkspaceShim(tree: string, pkg: ExamplePackage): Promise<void> {
  const { name, exports } = pkg.manifest;
  if (!name?.startsWith(WORKSPACE_SCOPE) || !exports) return;
  const entries = typeof exports === 'string' ? { '.': exports } : exports;
  const shimDir = join(tree, 'node_modules', ...name.split('/'));
  await mkdir(shimDir, { recursive: true });
  const shimExports: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(entries)) {
    const shimFile = `${subpath === '.' ? 'index' : subpath.replace(/^\.\//, '').replace(/\//g, '-')}.js`;
    const source = join(tree, 'examples', pkg.folder, target);
    const specifier = relative(shimDir, source).split('\\').join('/');
    const hasDefault = /^export default\b|^export \{[^}]*\bdefault\b/m.test(await readFile(source, 'utf8'));
    const lines = [
      `// Generated by scripts/build-snapshot.ts: the sources stay outside node_modules so Node strips their types.`,
      `export * from '${specifier}';`,
      ...(hasDefault ? [`export { default } from '${specifier}';`] : []),
    ];
    await writeFile(join(shimDir, shimFile), lines.join('\n') + '\n');
    shimExports[subpath] = `./${shimFile}`;
  }
  await writeFile(
    join(shimDir, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', exports: shimExports }, null, 2) + '\n',
  );
}

/** WebContainers read the Node version from the project root's package.json "engines" or .nvmrc. */
async function writeNodeVersionRequest(tree: string): Promise<void> {
  const manifest = { name: 'async-lab-webcontainer', private: true, engines: { node: REQUESTED_NODE_VERSION } };
  await writeFile(join(tree, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  await writeFile(join(tree, '.nvmrc'), `v${REQUESTED_NODE_VERSION}\n`);
}

/** The snapshot format has files and folders only, and WebContainers cannot load native addons. */
function assertSnapshotable(tree: string): void {
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) throw new Error(`The snapshot tree has a symlink: ${relative(tree, path)}`);
      if (stats.isDirectory()) walk(path);
      else if (entry.endsWith('.node'))
        throw new Error(`The snapshot tree has a native addon: ${relative(tree, path)}`);
    }
  };
  walk(tree);
}

/** Files under dir (relative paths, sorted), skipping folders named in `skip`. */
function listFiles(dir: string, skip: ReadonlySet<string> = new Set(), prefix = ''): string[] {
  const files: string[] = [];
  const entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !skip.has(entry.name)) files.push(...listFiles(dir, skip, path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function hashOf(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
}
