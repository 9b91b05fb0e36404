// Build time: gathers the real type declarations the examples use (bullmq, ioredis, fastify, croner, Node's
// own, …) from node_modules, so the in-browser editor offers IntelliSense without fetching types from the
// network. The TypeScript compiler resolves the examples' bare imports exactly as `tsc` does, and every file it
// loads from node_modules, plus the package.json files that steer resolution, goes into one JSON bundle keyed
// by the virtual path the editor's TypeScript worker sees (file:///node_modules/…).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { editableFiles, examplePackages } from '../content/example-files.ts';
import { examplesRoot } from '../content/example-source.ts';

const repoRoot = resolve(examplesRoot, '..');
const nodeModules = join(repoRoot, 'node_modules');

/** Virtual path → file text, ready for monaco.typescript.typescriptDefaults.addExtraLib. */
export type TypeBundle = Record<string, string>;

/** Imports that only tests and the checker use; readers never edit those files. */
const testOnly = new Set(['vitest', 'vitest/node', 'vitest/config']);

/** The course's libraries: readers get their types even in a lesson whose example does not import them yet. */
const courseLibraries = ['bullmq', 'ioredis', 'fastify', 'croner', '@async-lab/memory-redis'];

/** The bare module specifiers imported by the examples' editable files, e.g. "bullmq", "node:fs". */
export function bareImports(): string[] {
  const specifiers = new Set<string>(courseLibraries);
  for (const example of examplePackages()) {
    for (const file of editableFiles(example)) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(examplesRoot, example, file), 'utf8');
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)) {
        if (!testOnly.has(match[1]!)) specifiers.add(match[1]!);
      }
    }
  }
  return [...specifiers].sort();
}

/** The same compiler settings as examples/tsconfig.base.json, minus emit concerns. */
export const editorCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  // Keep node_modules paths as they are (memory-redis is a workspace symlink): the editor sees them there.
  preserveSymlinks: true,
  // Monaco ships TypeScript's own lib files; we only need the packages.
  noLib: true,
};

const packageJsonFields = [
  'name',
  'version',
  'type',
  'types',
  'typings',
  'main',
  'module',
  'exports',
  'typesVersions',
  'imports',
];

let collected: TypeBundle | undefined;

/** Collects the declarations of every package the examples import, with what those declarations import. */
export function collectDependencyTypes(): TypeBundle {
  // Once per process: `astro dev` would otherwise redo a few seconds of compiler work on every editor load.
  collected ??= collect();
  return collected;
}

function collect(): TypeBundle {
  const entryFile = join(examplesRoot, '__editor_types_entry__.ts');
  const entrySource = bareImports()
    .map((specifier) => `import ${JSON.stringify(specifier)};`)
    .join('\n');
  const host = ts.createCompilerHost(editorCompilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    resolve(fileName) === entryFile
      ? ts.createSourceFile(fileName, entrySource, languageVersion)
      : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => resolve(fileName) === entryFile || fileExists(fileName);
  // The entry must be an ES module for NodeNext resolution: examples/package.json says "type": "module".
  const program = ts.createProgram({ rootNames: [entryFile], options: editorCompilerOptions, host });

  const bundle: TypeBundle = {};
  const packageJsons = new Set<string>();
  for (const sourceFile of program.getSourceFiles()) {
    const absolute = resolve(sourceFile.fileName);
    if (!absolute.startsWith(nodeModules + sep)) continue;
    bundle[virtualPath(absolute)] = sourceFile.text;
    for (let dir = dirname(absolute); dir.startsWith(nodeModules + sep); dir = dirname(dir)) {
      const packageJson = join(dir, 'package.json');
      if (existsSync(packageJson)) packageJsons.add(packageJson);
    }
  }
  for (const packageJson of packageJsons) {
    const full = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
    const trimmed = Object.fromEntries(packageJsonFields.filter((f) => f in full).map((f) => [f, full[f]]));
    bundle[virtualPath(packageJson)] = JSON.stringify(trimmed);
  }
  return bundle;
}

/** The example's own files (so relative imports between them resolve), with its package.json. */
export function collectExampleFiles(example: string): TypeBundle {
  const bundle: TypeBundle = {};
  for (const file of [...editableFiles(example), 'package.json']) {
    bundle[exampleUri(example, file)] = readFileSync(join(examplesRoot, example, file), 'utf8');
  }
  return bundle;
}

/** Where the editor keeps an example file; node_modules sits beside it, as in the repository. */
export function exampleUri(example: string, file: string): string {
  return `file:///${example}/${file}`;
}

function virtualPath(absolute: string): string {
  return 'file:///node_modules/' + relative(nodeModules, absolute).split(sep).join('/');
}
