// The build-time assets behind the playground: the editor's type bundles and the example zips.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { editableFiles, examplePackages } from '../../../src/lib/content/example-files.ts';
import { zipExample } from '../../../src/lib/content/example-zip.ts';
import {
  bareImports,
  collectDependencyTypes,
  collectExampleFiles,
} from '../../../src/lib/editor-types/collect-editor-types.ts';

describe('editor type bundle', () => {
  const bundle = collectDependencyTypes();
  const paths = Object.keys(bundle);

  it('asks for the course libraries and what the examples import, not test-only packages', () => {
    const imports = bareImports();
    expect(imports).toEqual(
      expect.arrayContaining(['bullmq', 'ioredis', 'fastify', 'croner', '@async-lab/memory-redis']),
    );
    expect(imports).not.toContain('vitest');
  });

  it('holds the real declarations of bullmq, ioredis, fastify, croner and Node, under file:///node_modules', () => {
    for (const pkg of ['bullmq', 'ioredis', 'fastify', 'croner', '@types/node']) {
      expect(
        paths.some((p) => p.startsWith(`file:///node_modules/${pkg}/`) && /\.d\.[cm]?ts$/.test(p)),
        pkg,
      ).toBe(true);
    }
    expect(paths.every((p) => p.startsWith('file:///node_modules/'))).toBe(true);
    const bullmqClasses = paths.find((p) => /bullmq\/dist\/esm\/classes\/worker\.d\.ts$/.test(p))!;
    expect(bundle[bullmqClasses]).toContain('export declare class Worker');
    expect(
      Object.values(bundle).some(
        (text) => text.includes("declare module 'node:fs'") || text.includes('declare module "node:fs"'),
      ),
    ).toBe(true);
  });

  it('keeps the package.json fields that steer module resolution, and nothing else', () => {
    const manifest = JSON.parse(bundle['file:///node_modules/bullmq/package.json']!) as Record<string, unknown>;
    expect(manifest.name).toBe('bullmq');
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest).not.toHaveProperty('devDependencies');
  });

  it('gives each example its own files and package.json at file:///<example>/', () => {
    const files = collectExampleFiles('01-async-await');
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'file:///01-async-await/package.json',
        'file:///01-async-await/src/main.ts',
        'file:///01-async-await/exercise/starter/load-dashboard.ts',
      ]),
    );
  });
});

describe('example files and zips', () => {
  it('lists example packages and their editable files', () => {
    expect(examplePackages()).toEqual(expect.arrayContaining(['00-hello-ts', '01-async-await']));
    expect(editableFiles('00-hello-ts')).toEqual(expect.arrayContaining(['src/main.ts', 'src/greet.ts']));
    expect(editableFiles('01-async-await').some((f) => f.startsWith('test/'))).toBe(false);
  });

  it('zips a lesson with the packages it needs, without node_modules or tests, the same bytes every time', () => {
    const zip = zipExample('01-async-await');
    const names = Object.keys(unzipSync(zip));
    expect(names).toEqual(
      expect.arrayContaining([
        '01-async-await/package.json',
        '01-async-await/package-lock.json',
        '01-async-await/tools/current-node.mjs',
        '01-async-await/01-async-await/exercise/README.md',
        '01-async-await/course-tools/src/check-exercise.ts',
      ]),
    );
    expect(names.some((n) => n.includes('/test/') || n.includes('/testing/'))).toBe(false);
    expect(names.some((n) => n.includes('node_modules'))).toBe(false);
    expect(zipExample('01-async-await')).toEqual(zip);
  });
});
