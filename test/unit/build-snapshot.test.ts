// The WebContainer snapshot: built from examples/ with their dependencies (npm registry needed on a cold cache),
// made of files and folders only, no native addons, and runnable: unpacked into a folder, plain Node runs an
// example from it, with the workspace packages resolving through their shims.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, type SnapshotResult } from '../../scripts/build-snapshot.ts';
import { buildStripTypesSnapshot } from '../../src/integrations/webcontainer-snapshot/strip-types-builder.ts';
import { layOut, readSnapshot } from '../support/unpack-snapshot.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
let result: SnapshotResult;
let files: Map<string, Uint8Array>;
let unpacked: string;

beforeAll(async () => {
  result = await buildSnapshot({ repoRoot, log: (message) => console.log(message) });
  console.log(`snapshot: ${result.bytes} bytes (${(result.bytes / 1e6).toFixed(1)} MB), cached: ${result.cached}`);
  files = readSnapshot(result.file);
  unpacked = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-'));
  layOut(files, unpacked);
}, 600_000);

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe('WebContainer snapshot', () => {
  it('contains the examples and their dependencies', () => {
    for (const path of [
      'examples/00-hello-ts/src/main.ts',
      'examples/05-queue-basics/package.json',
      'examples/memory-redis/src/index.ts',
      'examples/course-tools/src/check-exercise.ts',
      'node_modules/bullmq/package.json',
      'node_modules/ioredis/package.json',
      'node_modules/ioredis-mock/package.json',
      'node_modules/fengari/package.json',
      'node_modules/fastify/package.json',
      'node_modules/croner/package.json',
      'node_modules/@async-lab/memory-redis/package.json',
    ]) {
      expect(files.has(path), path).toBe(true);
    }
  });

  it('asks WebContainers for a Node that strips types by itself (package.json engines and .nvmrc at the root)', () => {
    const manifest = JSON.parse(new TextDecoder().decode(files.get('package.json')));
    expect(manifest.engines).toEqual({ node: '22.22.0' });
    expect(new TextDecoder().decode(files.get('.nvmrc'))).toBe('v22.22.0\n');
  });

  it('has a separate strip-types snapshot for an older Node: amaro and the hook, mounted at node_modules', async () => {
    const stripTypes = await buildStripTypesSnapshot({ repoRoot });
    const paths = [...readSnapshot(stripTypes.file).keys()].sort();
    expect(paths).toEqual([
      '@async-lab/strip-types/hooks.mjs',
      '@async-lab/strip-types/package.json',
      '@async-lab/strip-types/register.mjs',
      'amaro/LICENSE.md',
      'amaro/dist/errors.js',
      'amaro/dist/index.js',
      'amaro/dist/internal.js',
      'amaro/package.json',
    ]);
    console.log(`strip-types snapshot: ${stripTypes.gzipBytes} bytes gzip`);
  });

  it('has no native addons, no nested examples node_modules, no tool caches', () => {
    const paths = [...files.keys()];
    expect(paths.filter((path) => path.endsWith('.node'))).toEqual([]);
    expect(paths.filter((path) => /^examples\/.*node_modules\//.test(path))).toEqual([]);
  });

  it('is what Node runs: an example and @async-lab/memory-redis work from the unpacked tree', () => {
    const example = join(unpacked, 'examples/00-hello-ts');
    expect(execFileSync(process.execPath, ['src/main.ts'], { cwd: example, encoding: 'utf8' })).toContain(
      '你好，小明！',
    );
    writeFileSync(
      join(example, 'src/redis-check.ts'),
      [
        "import { createConnection } from '@async-lab/memory-redis';",
        'const redis = createConnection();',
        "await redis.set('answer', '42');",
        "console.log('answer', await redis.get('answer'));",
        'await redis.quit();',
      ].join('\n'),
    );
    const env = { ...process.env, REDIS_URL: '' };
    expect(execFileSync(process.execPath, ['src/redis-check.ts'], { cwd: example, encoding: 'utf8', env })).toContain(
      'answer 42',
    );
  });
  it('runs a BullMQ example on the in-memory Redis with the trace preload (shims for subpath exports)', () => {
    const example = join(unpacked, 'examples/05-queue-basics');
    const env = { ...process.env, REDIS_URL: '', ASYNC_LAB_TRACE: '1' };
    const output = execFileSync(
      process.execPath,
      ['--import', '@async-lab/course-tools/trace-preload', 'src/add-demo.ts'],
      { cwd: example, encoding: 'utf8', env, timeout: 30_000 },
    );
    expect(output).toContain('add(2, 3) = 5');
    expect(output).toContain('\u001eASYNC_LAB_TRACE {');
  });
});

describe('snapshot cache', () => {
  it('is reused while the inputs are unchanged, and rebuilt when an example changes', async () => {
    // A fixture repo (the real examples/ are being edited by others while tests run); no third-party dependencies,
    // so no registry access either.
    const root = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-cache-'));
    try {
      mkdirSync(join(root, 'examples/lib/src'), { recursive: true });
      mkdirSync(join(root, 'examples/00-demo/src'), { recursive: true });
      writeFileSync(
        join(root, 'examples/lib/package.json'),
        JSON.stringify({ name: '@async-lab/lib', exports: { '.': './src/index.ts' } }),
      );
      writeFileSync(join(root, 'examples/lib/src/index.ts'), "export const who: string = 'lib';\nexport default 7;\n");
      writeFileSync(
        join(root, 'examples/00-demo/package.json'),
        JSON.stringify({ name: '@async-lab/00-demo', dependencies: { '@async-lab/lib': '0.0.0' } }),
      );
      writeFileSync(
        join(root, 'examples/00-demo/src/main.ts'),
        "import seven, { who } from '@async-lab/lib';\nconsole.log(who, seven);\n",
      );
      const first = await buildSnapshot({ repoRoot: root });
      const second = await buildSnapshot({ repoRoot: root });
      expect(first.cached).toBe(false);
      expect(second).toMatchObject({ cached: true, file: first.file });
      writeFileSync(join(root, 'examples/00-demo/src/main.ts'), "console.log('changed');\n");
      const third = await buildSnapshot({ repoRoot: root });
      expect(third.cached).toBe(false);
      expect(third.file).not.toBe(first.file);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('snapshot without the registry', () => {
  it('fails with a message saying what it needs and how to build without it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-offline-'));
    const saved = { registry: process.env.npm_config_registry, retries: process.env.npm_config_fetch_retries };
    try {
      mkdirSync(join(root, 'examples/00-demo'), { recursive: true });
      writeFileSync(
        join(root, 'examples/00-demo/package.json'),
        JSON.stringify({ name: '@async-lab/00-demo', dependencies: { 'left-pad': '1.3.0' } }),
      );
      // A closed loopback port stands in for an unreachable registry.
      process.env.npm_config_registry = 'http://127.0.0.1:9/';
      process.env.npm_config_fetch_retries = '0';
      await expect(buildSnapshot({ repoRoot: root })).rejects.toThrow(
        /needs the npm registry; to build without the snapshot, set ASYNC_LAB_SKIP_SNAPSHOT=1/,
      );
    } finally {
      for (const [name, value] of [
        ['npm_config_registry', saved.registry],
        ['npm_config_fetch_retries', saved.retries],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
