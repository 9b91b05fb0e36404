// Which installed files of node_modules the WebContainer snapshot carries: the packages the examples need at run
// time, taken from the repo's own node_modules (installed from package-lock.json, so the exact versions the
// examples are tested with, and no registry access while building), minus what a run never loads.
//
// - Only `dependencies` (and required peer dependencies) of the example packages and, recursively, of theirs.
//   Third-party devDependencies serve the packages' own vitest tests (e.g. an SMTP server for 08's), which never
//   run in the browser. Optional dependencies are native add-ons here (WebContainers cannot load .node files).
// - Packages are found the way Node finds them, from the folder of the package that needs them, so a nested copy
//   (node_modules/a/node_modules/b) lands at the same path in the snapshot as in the repo.
// - Within a package: no types, source maps, docs, tests, TypeScript sources (Node never strips types under
//   node_modules), images, and no build that only bundlers read (the `module` field's folder of a package
//   without `exports`: Node loads `main`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const WORKSPACE_SCOPE = '@async-lab/';

/** Files a run never reads. Licences are kept, whatever their extension. */
const UNUSED_FILE =
  /(\.d\.[mc]?ts|\.[mc]?ts|\.map|\.tsbuildinfo|\.md|\.markdown|\.png|\.jpe?g|\.gif|\.svg|\.ico|\.sketch|\.ya?ml|\.flow)$/i;
const KEPT_FILE = /^(licen[cs]e|copying|notice)/i;
/** A package's own tests, docs and samples, at the top of the package. */
const UNUSED_FOLDER = new Set([
  'test',
  'tests',
  '__tests__',
  'docs',
  'doc',
  'benchmarks',
  'benchmark',
  'bench',
  'example',
  'examples',
  'coverage',
  '.github',
]);

export interface InstalledPackage {
  name: string;
  version: string;
  /** Folder relative to the repo root, with '/' separators, e.g. "node_modules/bullmq". */
  path: string;
}

export interface DependencyFiles {
  packages: InstalledPackage[];
  /** Path relative to the repo root → absolute file to read. */
  files: Map<string, string>;
  /** Native add-ons left out (WebContainers cannot load them). */
  removedNativeFiles: string[];
}

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: string };
  main?: string;
  module?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The installed packages the example packages need at run time, found from each package folder. */
export function collectDependencies(repoRoot: string, examplePackages: { folder: string }[]): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const visit = (fromDir: string, name: string, requiredBy: string) => {
    const dir = resolvePackage(repoRoot, fromDir, name);
    if (!dir) {
      throw new Error(
        `${requiredBy} needs ${name}, which is not installed in ${relative(repoRoot, fromDir) || '.'} or above. Run \`npm ci\` at the repository root.`,
      );
    }
    const path = relative(repoRoot, dir).split(sep).join('/');
    if (found.has(path)) return;
    const manifest = readManifest(dir);
    found.set(path, { name, version: manifest.version ?? '0.0.0', path });
    for (const dependency of runtimeDependencies(manifest)) visit(dir, dependency, `${name}@${manifest.version}`);
  };
  for (const { folder } of examplePackages) {
    const dir = join(repoRoot, 'examples', folder);
    const manifest = readManifest(dir);
    for (const dependency of runtimeDependencies(manifest)) {
      if (!dependency.startsWith(WORKSPACE_SCOPE)) visit(dir, dependency, `examples/${folder}`);
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The oldest Node an example package can run on, as it and its dependencies declare it (the highest
 * `engines.node` lower bound among the package and everything it loads, workspace packages included), e.g.
 * "20.0.0" for Fastify 5's router; undefined when nothing says. The runner tells a reader whose WebContainer runs
 * an older Node. (The examples' workspace root, examples/package.json, speaks for a learner's own machine,
 * where Node strips the types itself: it is not read here.)
 */
export function nodeRequirement(repoRoot: string, folder: string): string | undefined {
  let highest: number[] | undefined;
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = readManifest(dir);
    const bound = manifest.engines?.node === undefined ? undefined : lowerBound(manifest.engines.node);
    if (bound && (!highest || compareVersions(bound, highest) > 0)) highest = bound;
    for (const name of runtimeDependencies(manifest)) {
      const found = name.startsWith(WORKSPACE_SCOPE)
        ? join(repoRoot, 'examples', name.slice(WORKSPACE_SCOPE.length))
        : resolvePackage(repoRoot, dir, name);
      if (found && existsSync(join(found, 'package.json'))) visit(found);
    }
  };
  // The example's own engines.node says what its code needs beyond its dependencies (e.g. a node:test API).
  visit(join(repoRoot, 'examples', folder));
  return highest?.join('.');
}

/** The lowest version a semver range admits: ">=20" → 20.0.0, "^18.17.0 || >=20.5.0" → 18.17.0. */
export function lowerBound(range: string): number[] | undefined {
  let lowest: number[] | undefined;
  for (const alternative of range.split('||')) {
    let bound: number[] | undefined;
    for (const [, version] of alternative.matchAll(/(?:>=|\^|~|=|^|\s)\s*v?(\d+(?:\.\d+){0,2})/g)) {
      const parts = version!.split('.').map(Number);
      while (parts.length < 3) parts.push(0);
      if (!bound || compareVersions(parts, bound) > 0) bound = parts;
    }
    if (!bound) return undefined; // "*" or something unreadable: any version will do
    if (!lowest || compareVersions(bound, lowest) < 0) lowest = bound;
  }
  return lowest;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Every file of those packages that a run may load. */
export function dependencyFiles(repoRoot: string, packages: InstalledPackage[]): DependencyFiles {
  const files = new Map<string, string>();
  const removedNativeFiles: string[] = [];
  for (const pkg of packages) {
    const dir = join(repoRoot, pkg.path);
    const unusedBuild = bundlerOnlyFolder(readManifest(dir));
    const walk = (folder: string, prefix: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        const absolute = join(folder, entry.name);
        if (entry.isDirectory()) {
          // Nested node_modules hold packages of their own: they are in the list when something needs them.
          if (entry.name === 'node_modules' || entry.name === '.bin') continue;
          if ((!prefix && UNUSED_FOLDER.has(entry.name)) || path === unusedBuild) continue;
          walk(absolute, path);
        } else if (entry.isFile() || (entry.isSymbolicLink() && statSync(absolute).isFile())) {
          if (entry.name.endsWith('.node')) removedNativeFiles.push(`${pkg.path}/${path}`);
          else if (KEPT_FILE.test(entry.name) || !UNUSED_FILE.test(entry.name))
            files.set(`${pkg.path}/${path}`, absolute);
        }
      }
    };
    walk(dir, '');
  }
  return { packages, files, removedNativeFiles };
}

function runtimeDependencies(manifest: Manifest): string[] {
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (name) => !manifest.peerDependenciesMeta?.[name]?.optional,
  );
  return [...new Set([...Object.keys(manifest.dependencies ?? {}), ...peers])];
}

/** Node's lookup: <dir>/node_modules/<name>, then the same in each folder above, up to the repo root. */
function resolvePackage(repoRoot: string, fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === repoRoot || dirname(dir) === dir) return undefined;
  }
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * The folder of a package's bundler-only build: with no `exports`, Node loads `main` and never reads the folder
 * `module` points into (bullmq: main in dist/cjs, module in dist/esm → dist/esm; luxon: build/node vs src → src).
 */
function bundlerOnlyFolder(manifest: Manifest): string | undefined {
  if (manifest.exports !== undefined || !manifest.module || !manifest.main) return undefined;
  const folders = (path: string) => path.replace(/^\.\//, '').split('/').slice(0, -1);
  const [moduleDir, mainDir] = [folders(manifest.module), folders(manifest.main)];
  const differsAt = moduleDir.findIndex((segment, index) => segment !== mainDir[index]);
  return differsAt === -1 ? undefined : moduleDir.slice(0, differsAt + 1).join('/');
}
