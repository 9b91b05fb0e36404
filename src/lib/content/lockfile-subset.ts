// Cuts an npm lockfile (v3) down to what some of its workspace packages install, keeping every version it
// resolved. That is how examples/ (copied out of the repo) and each lesson's Download zip install exactly what the
// repository's own tests ran on, without asking the registry to resolve anything again.
//
// It follows npm's own lookup: a dependency of the package at `a/node_modules/b` is found at
// `a/node_modules/b/node_modules/<dep>`, then one level up, and so on to `node_modules/<dep>`. The flags npm keeps
// per entry (dev, optional, devOptional) are worked out again for the smaller tree. `npm ci` in a copied folder
// (test/content/example-downloads.test.ts) is the judge of the result.

export interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  inBundle?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** A package.json, as far as a lockfile records it. */
export interface Manifest {
  name: string;
  version?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  [field: string]: unknown;
}

export interface SubsetOptions {
  /** The new lockfile's root: its manifest, and where its dependencies resolve from in the source lock. */
  root: { manifest: Manifest; from: string };
  /** The workspace packages to keep: where each sits in the source lock, and in the new one. */
  members: Array<{ manifest: Manifest; from: string; to: string }>;
}

type EdgeKind = 'prod' | 'dev' | 'optional' | 'peer';

const MANIFEST_FIELDS = [
  'name',
  'version',
  'workspaces',
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'engines',
  'bin',
  'license',
] as const;

export function subsetLockfile(source: Lockfile, options: SubsetOptions): Lockfile {
  const { packages } = source;
  const memberTo = new Map(options.members.map((m) => [m.from, m.to]));
  const manifestAt = new Map<string, Manifest>(options.members.map((m) => [m.from, m.manifest]));
  manifestAt.set(options.root.from, options.root.manifest);

  /** Where `name` resolves for the package at `from`, following npm's lookup up the node_modules folders. */
  function resolve(from: string, name: string): string | undefined {
    for (let dir = from; ;) {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      const entry = packages[candidate];
      if (entry) return entry.link ? entry.resolved : candidate;
      if (dir === '') return undefined;
      const cut = dir.lastIndexOf('/node_modules/');
      dir = cut === -1 ? '' : dir.slice(0, cut);
    }
  }

  function edges(path: string): Array<{ target: string; kind: EdgeKind; required: boolean }> {
    const entry = manifestAt.get(path) ?? packages[path] ?? {};
    const isWorkspace = manifestAt.has(path);
    const found: Array<{ target: string; kind: EdgeKind; required: boolean }> = [];
    const add = (deps: Record<string, string> | undefined, kind: EdgeKind, optional: (name: string) => boolean) => {
      for (const name of Object.keys(deps ?? {})) {
        const target = resolve(path, name);
        const isOptional = optional(name);
        if (target === undefined) {
          if (isOptional) continue; // an optional dependency for another platform, or an optional peer
          throw new Error(`The lockfile has no entry for ${name}, a dependency of ${path || 'the root'}.`);
        }
        if (!target.includes('node_modules/') && !manifestAt.has(target)) {
          throw new Error(`${name} (needed by ${path || 'the root'}) links to ${target}, which is not kept.`);
        }
        found.push({ target, kind, required: !isOptional });
      }
    };
    const meta = (entry as LockEntry).peerDependenciesMeta ?? {};
    add(entry.dependencies, 'prod', () => false);
    add(entry.optionalDependencies, 'optional', () => true);
    // An optional peer is installed only when something else needs it, so it is no edge of its own.
    const peers = Object.fromEntries(
      Object.entries(entry.peerDependencies ?? {}).filter(([name]) => meta[name]?.optional !== true),
    );
    add(peers, 'peer', () => false);
    if (isWorkspace) add(entry.devDependencies, 'dev', () => false);
    return found;
  }

  /** Every path reachable from `starts` through the edges `follow` accepts. */
  function reach(starts: string[], follow: (edge: { kind: EdgeKind; required: boolean }) => boolean): Set<string> {
    const seen = new Set<string>();
    const queue = [...starts];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      for (const edge of edges(path)) {
        if (seen.has(edge.target) || !follow(edge)) continue;
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
    return seen;
  }

  // npm's flags: dev = only devDependencies lead to it; optional = only optional edges do; devOptional = it is
  // needed, but only by a mix of the two; peer = only peer dependencies do. (devDependencies count only on the
  // root and workspaces, as in npm.)
  const starts = [options.root.from, ...options.members.map((m) => m.from)];
  const all = reach(starts, () => true);
  const anyProd = reach(starts, (edge) => edge.kind !== 'dev');
  const requiredAny = reach(starts, (edge) => edge.required && edge.kind !== 'optional');
  const requiredProd = reach(starts, (edge) => edge.required && (edge.kind === 'prod' || edge.kind === 'peer'));
  const withoutPeers = reach(starts, (edge) => edge.kind !== 'peer');

  const out: Record<string, LockEntry> = { '': rootEntry(options.root.manifest) };
  const place = (to: string, entry: LockEntry, from: string) => {
    if (out[to] !== undefined && JSON.stringify(out[to]) !== JSON.stringify(entry)) {
      throw new Error(`Two different packages would land at ${to} (one from ${from}).`);
    }
    out[to] = entry;
  };
  for (const member of options.members) {
    place(member.to, manifestEntry(member.manifest), member.from);
    place(`node_modules/${member.manifest.name}`, { resolved: member.to, link: true }, member.from);
  }
  for (const path of [...all].sort()) {
    if (manifestAt.has(path)) continue;
    const entry = { ...packages[path]! };
    delete entry.dev;
    delete entry.optional;
    delete entry.devOptional;
    delete entry.peer;
    const flags: LockEntry = {};
    const isDev = !anyProd.has(path);
    const isOptional = !requiredAny.has(path);
    if (isDev) flags.dev = true;
    if (isOptional) flags.optional = true;
    if (!isDev && !isOptional && !requiredProd.has(path)) flags.devOptional = true;
    if (!withoutPeers.has(path)) flags.peer = true;
    place(mapPath(path, memberTo, options.root.from), { ...entry, ...flags }, path);
    // Packages bundled inside this one come with its tarball: keep their entries too.
    for (const [inner, innerEntry] of Object.entries(packages)) {
      if (innerEntry.inBundle && inner.startsWith(`${path}/node_modules/`)) {
        place(mapPath(inner, memberTo, options.root.from), innerEntry, inner);
      }
    }
  }

  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => comparePaths(a, b)));
  return {
    name: options.root.manifest.name,
    ...(options.root.manifest.version ? { version: options.root.manifest.version } : {}),
    lockfileVersion: 3,
    requires: true,
    packages: sorted,
  };
}

/** A path of the source lock, as it is named in the new one (a workspace's nested node_modules move with it). */
function mapPath(path: string, memberTo: Map<string, string>, rootFrom: string): string {
  for (const [from, to] of memberTo) {
    if (path.startsWith(`${from}/`)) return `${to}/${path.slice(from.length + 1)}`;
  }
  if (rootFrom !== '' && path.startsWith(`${rootFrom}/`)) return path.slice(rootFrom.length + 1);
  return path;
}

function pick(manifest: Manifest): LockEntry {
  const entry: Record<string, unknown> = {};
  for (const field of MANIFEST_FIELDS) if (manifest[field] !== undefined) entry[field] = manifest[field];
  // npm notes in the lockfile that a package runs scripts when it is installed.
  const scripts = (manifest.scripts ?? {}) as Record<string, string>;
  if (['preinstall', 'install', 'postinstall'].some((hook) => scripts[hook])) entry.hasInstallScript = true;
  return entry as LockEntry;
}

function rootEntry(manifest: Manifest): LockEntry {
  return pick(manifest);
}

function manifestEntry(manifest: Manifest): LockEntry {
  const entry = pick(manifest);
  delete entry.workspaces;
  return entry;
}

/** npm's order: the root, then workspaces, then node_modules, each alphabetical. */
function comparePaths(a: string, b: string): number {
  const rank = (path: string) => (path === '' ? 0 : path.startsWith('node_modules/') ? 2 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
