// examples/ must work when copied out of the repo alone: no file may reach outside it, and every package an
// example imports must be declared by that example (or the examples root), not borrowed from the site's install.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const examplesRoot = resolve('examples');
const rootManifest = JSON.parse(readFileSync(join(examplesRoot, 'package.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

function specifiers(source: string): string[] {
  const found = source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g);
  return [...found].map((m) => (m[1] ?? m[2])!);
}

function declared(manifest: Record<string, Record<string, string> | undefined>): Set<string> {
  return new Set(
    ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.keys(manifest[field] ?? {}),
    ),
  );
}

const packages = readdirSync(examplesRoot).filter((name) => {
  try {
    return statSync(join(examplesRoot, name, 'package.json')).isFile();
  } catch {
    return false;
  }
});

describe('examples/ is self-contained', () => {
  it('has example packages', () => expect(packages.length).toBeGreaterThan(0));

  for (const pkg of packages) {
    it(`${pkg}: imports stay inside examples/ and its dependencies are declared`, () => {
      const manifest = JSON.parse(readFileSync(join(examplesRoot, pkg, 'package.json'), 'utf8'));
      const allowed = new Set([...declared(manifest), ...declared(rootManifest), manifest.name]);
      const problems: string[] = [];
      for (const file of sourceFiles(join(examplesRoot, pkg))) {
        for (const spec of specifiers(readFileSync(file, 'utf8'))) {
          const where = relative(examplesRoot, file);
          if (spec.startsWith('.')) {
            const target = resolve(dirname(file), spec);
            if (relative(examplesRoot, target).startsWith('..')) problems.push(`${where} imports ${spec} (outside)`);
            continue;
          }
          if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!allowed.has(name))
            problems.push(`${where} imports "${name}", which ${pkg}/package.json does not declare`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
