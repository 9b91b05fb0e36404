// The WebContainer snapshot: examples/ with a JavaScript twin beside every .ts file, and the dependencies the
// examples load at run time, from the repo's node_modules. Files and folders only, no native addons, within the
// size budget, and runnable: unpacked into a folder, plain Node runs an example's twin, with the workspace
// packages resolving through their shims. (Every lesson's runs on Node 18/20/22: snapshot-on-node-*.test.ts.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '@msgpack/msgpack';
import { snapshot } from '@webcontainer/snapshot';
import { buildSnapshot, type SnapshotResult } from '../../scripts/build-snapshot.ts';
import { encodeSnapshot } from '../../src/integrations/webcontainer-snapshot/snapshot-builder.ts';
import { isTypeScriptPath } from '../../src/lib/runtime/js-twin.ts';
import { layOut, readSnapshot } from '../support/unpack-snapshot.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The budget: what a reader downloads before the first run. */
const MAX_GZIP_BYTES = 4_000_000;
let result: SnapshotResult;
let files: Map<string, Uint8Array>;
let unpacked: string;
const text = (path: string) => new TextDecoder().decode(files.get(path));

beforeAll(async () => {
  result = await buildSnapshot({ repoRoot, log: (message) => console.log(message) });
  console.log(
    `snapshot: ${result.bytes} bytes, ${result.gzipBytes} bytes gzip (${(result.gzipBytes / 1e6).toFixed(2)} MB), cached: ${result.cached}`,
  );
  files = readSnapshot(result.file);
  unpacked = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-'));
  layOut(files, unpacked);
}, 600_000);

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe('WebContainer snapshot', () => {
  it(`is at most ${MAX_GZIP_BYTES / 1e6} MB as shipped (gzip)`, () => {
    expect(result.gzipBytes).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });

  it('contains the examples, each .ts file with its JavaScript twin, and their dependencies', () => {
    for (const path of [
      'examples/00-hello-ts/src/main.ts',
      'examples/00-hello-ts/src/main.js',
      'examples/05-queue-basics/package.json',
      'examples/memory-redis/src/index.js',
      'examples/course-tools/src/check-exercise.js',
      'examples/course-tools/src/check-reporter.js',
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
    const tsFiles = [...files.keys()].filter((path) => path.startsWith('examples/') && isTypeScriptPath(path));
    expect(tsFiles.length).toBeGreaterThan(100);
    expect(tsFiles.filter((path) => !files.has(path.replace(/\.ts$/, '.js')))).toEqual([]);
  });

  it('points the twins at each other: no twin imports or spawns a .ts file', () => {
    const twins = [...files.keys()].filter((path) => /^examples\/.*\.js$/.test(path));
    const pointingAtTs = twins.filter((path) => /(['"`])(\.{1,2}\/|[\w@$.-]+\/)[^'"`\s]*\.ts\1/.test(text(path)));
    expect(pointingAtTs).toEqual([]);
    expect(text('examples/00-hello-ts/src/main.js')).toContain("from './greet.js'");
    // Same lines, same columns: an error's line and column are the reader's.
    const ts = text('examples/00-hello-ts/src/main.ts').split('\n');
    const js = text('examples/00-hello-ts/src/main.js').split('\n');
    expect(js.map((line) => line.length)).toEqual(ts.map((line) => line.length));
  });

  it('gives the packages’ scripts the twins, and says which Node their dependencies need', () => {
    const manifest = JSON.parse(text('examples/05-queue-basics/package.json'));
    expect(manifest.scripts.start).toBe('node src/add-demo.js');
    expect(manifest.scripts.check).toBe('node ../course-tools/src/check-exercise.js');
    expect(JSON.parse(text('examples/02-async-http/package.json')).engines).toEqual({ node: '>=20.0.0' });
    expect(JSON.parse(text('examples/00-hello-ts/package.json')).engines?.node).toBeUndefined();
  });

  it('asks for no Node version and carries no loader hooks (runs do not depend on the container’s Node)', () => {
    expect(files.has('package.json')).toBe(false);
    expect(files.has('.nvmrc')).toBe(false);
    expect([...files.keys()].filter((path) => /strip-types|amaro/.test(path))).toEqual([]);
  });

  it('leaves out what runs never load: native addons, tests, test kits, types, TypeScript under node_modules, bundler builds', () => {
    const paths = [...files.keys()];
    expect(paths.filter((path) => path.endsWith('.node'))).toEqual([]);
    expect(paths.filter((path) => /^examples\/.*node_modules\//.test(path))).toEqual([]);
    expect(paths.filter((path) => /^examples\/[^/]+\/(test|testing|fixtures|scripts)\//.test(path))).toEqual([]);
    expect(paths.filter((path) => /^node_modules\/.*\.([mc]?ts|map)$/.test(path))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('node_modules/bullmq/dist/esm/'))).toEqual([]);
    // Test-only dependencies of an example (08's SMTP server and mail parser) stay out.
    expect(paths.filter((path) => /^node_modules\/(smtp-server|mailparser)\//.test(path))).toEqual([]);
  });

  it('is what Node runs: an example’s twin and @async-lab/memory-redis work from the unpacked tree', () => {
    const example = join(unpacked, 'examples/00-hello-ts');
    expect(execFileSync(process.execPath, ['src/main.js'], { cwd: example, encoding: 'utf8' })).toContain(
      '你好，小明！',
    );
    writeFileSync(
      join(example, 'src/redis-check.js'),
      [
        "import { createConnection } from '@async-lab/memory-redis';",
        'const redis = createConnection();',
        "await redis.set('answer', '42');",
        "console.log('answer', await redis.get('answer'));",
        'await redis.quit();',
      ].join('\n'),
    );
    const env = { ...process.env, REDIS_URL: '' };
    expect(execFileSync(process.execPath, ['src/redis-check.js'], { cwd: example, encoding: 'utf8', env })).toContain(
      'answer 42',
    );
  });

  it('traces a BullMQ example by its environment alone (memory-redis loads the tracer), with ASCII trace lines', () => {
    const example = join(unpacked, 'examples/05-queue-basics');
    const env = { ...process.env, REDIS_URL: '', ASYNC_LAB_TRACE: '1' };
    const output = execFileSync(process.execPath, ['src/add-demo.js'], {
      cwd: example,
      encoding: 'utf8',
      env,
      timeout: 30_000,
    });
    expect(output).toContain('add(2, 3) = 5');
    const traceLines = output.split('\n').filter((line) => line.startsWith('\u001eASYNC_LAB_TRACE {'));
    expect(traceLines.length).toBeGreaterThan(0);
    expect(traceLines.filter((line) => /[^\x00-\x7f]/.test(line))).toEqual([]);
  });
});

describe('snapshot format', () => {
  it('is what @webcontainer/snapshot writes for the same tree (the builder encodes in memory, without a copy)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-format-'));
    try {
      const files = new Map<string, Uint8Array>([
        ['examples/00-demo/src/main.ts', new TextEncoder().encode("console.log('你好');\n")],
        ['examples/00-demo/package.json', new TextEncoder().encode('{"type":"module"}')],
        ['node_modules/a/index.js', new Uint8Array([0, 1, 2, 255])],
      ]);
      for (const [path, content] of files) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      // Decoded from a plain Uint8Array, as ours is: a Buffer input would decode into Buffers.
      const official = decode(new Uint8Array(await snapshot(dir)));
      const ours = decode(encodeSnapshot(files));
      expect(ours).toEqual(official);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshot cache', () => {
  it('is reused while the inputs are unchanged, and rebuilt when an example changes', async () => {
    // A fixture repo (the real examples/ are being edited by others while tests run) with no dependencies.
    const root = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-cache-'));
    try {
      mkdirSync(join(root, 'examples/lib/src'), { recursive: true });
      mkdirSync(join(root, 'examples/00-demo/src'), { recursive: true });
      writeFileSync(join(root, 'examples/package.json'), JSON.stringify({ private: true, type: 'module' }));
      writeFileSync(
        join(root, 'examples/lib/package.json'),
        JSON.stringify({ name: '@async-lab/lib', type: 'module', exports: { '.': './src/index.ts' } }),
      );
      writeFileSync(join(root, 'examples/lib/src/index.ts'), "export const who: string = 'lib';\nexport default 7;\n");
      writeFileSync(
        join(root, 'examples/00-demo/package.json'),
        JSON.stringify({ name: '@async-lab/00-demo', type: 'module', dependencies: { '@async-lab/lib': '0.0.0' } }),
      );
      writeFileSync(
        join(root, 'examples/00-demo/src/main.ts'),
        "import seven, { who } from '@async-lab/lib';\nconsole.log(who, seven);\n",
      );
      const first = await buildSnapshot({ repoRoot: root });
      const second = await buildSnapshot({ repoRoot: root });
      expect(first.cached).toBe(false);
      expect(second).toMatchObject({ cached: true, file: first.file });
      const tree = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-cache-tree-'));
      layOut(readSnapshot(first.file), tree);
      expect(
        execFileSync(process.execPath, ['src/main.js'], { cwd: join(tree, 'examples/00-demo'), encoding: 'utf8' }),
      ).toBe('lib 7\n');
      rmSync(tree, { recursive: true, force: true });
      writeFileSync(join(root, 'examples/00-demo/src/main.ts'), "console.log('changed');\n");
      const third = await buildSnapshot({ repoRoot: root });
      expect(third.cached).toBe(false);
      expect(third.file).not.toBe(first.file);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('names a dependency that is not installed, and what to run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-missing-'));
    try {
      mkdirSync(join(root, 'examples/00-demo'), { recursive: true });
      writeFileSync(
        join(root, 'examples/00-demo/package.json'),
        JSON.stringify({ name: '@async-lab/00-demo', type: 'module', dependencies: { 'left-pad': '1.3.0' } }),
      );
      await expect(buildSnapshot({ repoRoot: root })).rejects.toThrow(
        /examples\/00-demo needs left-pad, which is not installed .* Run `npm ci` at the repository root/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
