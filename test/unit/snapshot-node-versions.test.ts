// The WebContainer snapshot run by the Node versions WebContainers offer: 22.22 (what the snapshot asks for) and
// 20 (their long-time default, which cannot strip types: the runner then mounts the strip-types snapshot and
// preloads its hook). Real nodejs.org builds of those versions, given the same NODE_OPTIONS the runner would
// give (node-typescript.ts). This is as close to a WebContainer as this machine gets: not the WebContainer itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../scripts/build-snapshot.ts';
import { buildStripTypesSnapshot } from '../../src/integrations/webcontainer-snapshot/strip-types-builder.ts';
import { typeScriptSupport } from '../../src/lib/runtime/node-typescript.ts';
import { isCI } from '../../examples/tools/ci.ts';
import { nodeBinary } from '../support/node-binaries.ts';
import { layOut, readSnapshot } from '../support/unpack-snapshot.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
let unpacked: string;

beforeAll(async () => {
  unpacked = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-nodes-'));
  layOut(readSnapshot((await buildSnapshot({ repoRoot })).file), unpacked);
  // Mounted at node_modules, as the runner does on a Node older than 22.6.
  layOut(readSnapshot((await buildStripTypesSnapshot({ repoRoot })).file), join(unpacked, 'node_modules'));
}, 600_000);

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe.each(['22.22.0', '20.20.2'])('the snapshot on Node %s', { timeout: 120_000 }, (version) => {
  let node = '';
  const nodeOptions = () => {
    const support = typeScriptSupport(`v${version}`);
    if (support.kind === 'unsupported') throw new Error(`Node ${version} cannot run the examples`);
    return support.nodeOptions;
  };

  beforeAll(() => {
    const binary = nodeBinary(version);
    if ('path' in binary) return void (node = binary.path);
    const message = `Node ${version} is not available, so the snapshot is NOT tested on it: ${binary.missing}`;
    if (isCI()) throw new Error(`${message}\nCI=${process.env.CI}, so a skip is a failure.`);
    console.warn('\n' + '!'.repeat(80) + '\n' + message + '\n' + '!'.repeat(80));
  }, 600_000);

  /** Runs argv in examples/<example> of the unpacked snapshot, as the runner would in the container. */
  function run(example: string, args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(node, args, {
      cwd: join(unpacked, 'examples', example),
      encoding: 'utf8',
      timeout: 90_000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: nodeOptions(), REDIS_URL: '', ...env },
    });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('runs TypeScript examples, with the types stripped as the runner arranges', ({ skip }) => {
    if (!node) return skip();
    const hello = run('00-hello-ts', ['src/main.ts']);
    expect(hello.output).toContain('你好，小明！');
    expect(hello.code).toBe(0);
  });

  it('runs BullMQ on the in-memory Redis with the queue trace preload', ({ skip }) => {
    if (!node) return skip();
    const queue = run('05-queue-basics', ['--import', '@async-lab/course-tools/trace-preload', 'src/add-demo.ts'], {
      ASYNC_LAB_TRACE: '1',
    });
    expect(queue.output).toContain('add(2, 3) = 5');
    expect(queue.output).toContain('\u001eASYNC_LAB_TRACE {');
    expect(queue.code).toBe(0);
  });

  it('gives child processes the same TypeScript support (a server process killed mid-task)', ({ skip }) => {
    if (!node) return skip();
    const crash = run('03-background-tasks', ['src/crash-demo.ts']);
    expect(crash.output).toContain('the task died with the process');
    expect(crash.code).toBe(0);
  });

  it('names the file and line of a syntax error', ({ skip }) => {
    if (!node) return skip();
    writeFileSync(join(unpacked, 'examples/00-hello-ts/src/broken.ts'), 'const answer: = 42;\n');
    const broken = run('00-hello-ts', ['src/broken.ts']);
    expect(broken.output).toMatch(/broken\.ts:1\b/);
    expect(broken.output).toContain('const answer: = 42;');
    expect(broken.code).toBe(1);
  });

  it('runs the exercise checker without vitest: the starter fails, the solution passes', ({ skip }) => {
    if (!node) return skip();
    const starter = run('01-async-await', ['../course-tools/src/check-exercise.ts']);
    expect(starter.output).toMatch(/✗ runs the loaders at the same time/);
    expect(starter.code).toBe(1);
    const solved = run('01-async-await', ['../course-tools/src/check-exercise.ts', '--solution']);
    expect(solved.output).toMatch(/(\d+) of \1 checks pass/);
    expect(solved.code).toBe(0);
  });
});
