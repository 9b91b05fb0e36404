// Which example packages exist and which of their files a reader sees, read from examples/ at build time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { examplesRoot } from './example-source.ts';

/** Example packages: folders of examples/ with a package.json and a src/ folder. */
export function examplePackages(): string[] {
  return readdirSync(examplesRoot)
    .filter(
      (name) => existsSync(join(examplesRoot, name, 'package.json')) && existsSync(join(examplesRoot, name, 'src')),
    )
    .sort();
}

/** Every file of a package except installed dependencies, as paths relative to the package ("src/main.ts"). */
export function packageFiles(example: string): string[] {
  const root = join(examplesRoot, example);
  return walk(root)
    .map((file) => relative(root, file).split(sep).join('/'))
    .sort();
}

/** Files of an example the reader can see or edit: TypeScript and JSON in src/ and exercise/{starter,solution}/. */
export function editableFiles(example: string): string[] {
  return packageFiles(example).filter(
    (file) => /^(src|exercise\/starter|exercise\/solution)\//.test(file) && /\.(m?ts|json)$/.test(file),
  );
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === '.DS_Store') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
