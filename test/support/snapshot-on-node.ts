// Every playground command and every Check, issued exactly as the WebContainer runner issues them (same argv,
// cwd and environment: src/lib/runtime/container-spawn.ts), run by official Node 18, 20 and 22 builds against the
// files unpacked from the built snapshot, and compared with the recording the lesson shows. WebContainers start
// Node 20 unless asked otherwise (22 on request), so this is what a reader's browser runs, as close as this
// machine gets without StackBlitz: the container's own Node implementation and its terminal are not here.
//
// Differences that are not the code's: colours (the runner asks for them; recordings have none), durations,
// the Node major a program prints, and where the tree sits (normalised like the recordings).
// An example whose dependencies declare a newer Node than the one at hand is not run: the runner refuses it with
// a plain notice (node-too-old), which is what a reader on such a Node sees.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual, stripVTControlCharacters } from 'node:util';
import amaro from 'amaro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCI } from '../../examples/tools/ci.ts';
import { buildSnapshot } from '../../scripts/build-snapshot.ts';
import { comparable, normaliseOutput, normaliseTrace } from '../../src/lib/recordings/normalise-output.ts';
import { readRecording } from '../../src/lib/recordings/recording.ts';
import { splitTrace } from '../../src/lib/recordings/split-trace.ts';
import { containerSpawn } from '../../src/lib/runtime/container-spawn.ts';
import { stripToJsTwin, type AmaroTransform } from '../../src/lib/runtime/strip-types.ts';
import { nodeBinary } from './node-binaries.ts';
import { playgroundRuns, type PlaygroundRun } from './playground-runs.ts';
import { layOut, readSnapshot } from './unpack-snapshot.ts';

/** The latest 18, the first 20 LTS (the WebContainer default is some 20), and the 22 WebContainers offer. */
const VERSIONS = ['18.20.8', '20.9.0', '22.22.0'];
/**
 * The examples each of them is too old for, by what the examples declare (engines.node in the snapshot): Fastify
 * 5's router and nodemailer declare Node 20 (on 18, 04's check and 08's demo indeed fail: node:test's
 * mock.timers options, and a demo that never ends); 04's check uses mock.timers.enable({ apis, now }), Node 20.11+.
 */
const REFUSED: Record<string, string[]> = {
  '18.20.8': [
    '02-async-http',
    '03-background-tasks',
    '04-scheduling',
    '06-http-queue',
    '07-task-status',
    '08-capstone',
    '09-production',
    '10-challenge',
  ],
  '20.9.0': ['04-scheduling'],
  '22.22.0': [],
};
/**
 * Runs whose printed output the timers decide, not only the code: the rate-limit demo prints which limiter window
 * each job started in, and a busy machine can start one a little late, into the next window. They get a second try.
 */
const TIMING_DECIDED = ['run 09-production: node src/demos/rate-limit.ts'];
const repoRoot = resolve(import.meta.dirname, '../..');
const runs = playgroundRuns();
let unpacked = '';

interface Finished {
  code: number | null;
  output: string;
  trace: unknown[];
}

/** Runs argv in the unpacked snapshot as the runner would in the container; stdout and stderr in one stream. */
async function runInSnapshot(node: string, request: PlaygroundRun['request'], timeoutMs: number): Promise<Finished> {
  const { command, args, cwd, env } = containerSpawn(request);
  expect(command, 'the runner starts node').toBe('node');
  const folder = mkdtempSync(join(tmpdir(), 'async-lab-node-run-'));
  const file = join(folder, 'output.txt');
  const fd = openSync(file, 'w');
  try {
    const child = spawn(node, args, {
      cwd: join(unpacked, cwd),
      env: { PATH: `${dirname(node)}:${process.env.PATH}`, HOME: process.env.HOME, ...env },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((done) => child.on('close', (exitCode) => done(exitCode)));
    clearTimeout(timer);
    const { output, trace } = splitTrace(stripVTControlCharacters(readFileSync(file, 'utf8')));
    return { code, output, trace };
  } finally {
    closeSync(fd);
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The recording's view of a run, with the Node major a program prints masked (recorded on another Node). The
 * trace counts only for a traced run (a playground with a queue panel): an untraced one prints none.
 */
function view(run: Finished, nodeVersion: string, traced: boolean) {
  const normalising = { repoRoot: unpacked, nodeVersion };
  const recordingLike = {
    output: normaliseOutput(run.output, normalising),
    trace: normaliseTrace(run.trace, normalising),
  };
  const { output, trace } = comparable(recordingLike);
  return { code: run.code, output: output.replace(/\bv\d+\.x\b/g, 'v<major>.x'), trace: traced ? trace : [] };
}

function recordedView(run: PlaygroundRun) {
  const recording = readRecording(run.request.example, run.recording);
  const { output, trace } = comparable(recording);
  const traced = run.request.env?.ASYNC_LAB_TRACE === '1';
  return { code: recording.exitCode, output: output.replace(/\bv\d+\.x\b/g, 'v<major>.x'), trace: traced ? trace : [] };
}

/** The oldest Node the snapshot says the example needs (engines.node, from its dependencies). */
function requiredNode(example: string): string | undefined {
  const manifest = JSON.parse(readFileSync(join(unpacked, 'examples', example, 'package.json'), 'utf8'));
  return /^>=(\d+\.\d+\.\d+)$/.exec(manifest.engines?.node ?? '')?.[1];
}

function olderThan(version: string, required: string): boolean {
  const [a, b] = [version, required].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! < b![i]!;
  return false;
}

/**
 * The snapshot on one Node version: one test file per version (test/unit/snapshot-on-node-*.test.ts), so that
 * vitest can run them side by side; each unpacks its own copy of the snapshot.
 */
export function describeSnapshotOnNode(version: string): void {
  beforeAll(async () => {
    unpacked = mkdtempSync(join(tmpdir(), 'async-lab-snapshot-nodes-'));
    layOut(readSnapshot((await buildSnapshot({ repoRoot })).file), unpacked);
  }, 600_000);

  afterAll(() => {
    if (unpacked) rmSync(unpacked, { recursive: true, force: true });
  });

  describe(`the snapshot on Node ${version}`, { timeout: 180_000 }, () => {
    let node = '';
    beforeAll(() => {
      const binary = nodeBinary(version);
      if ('path' in binary) return void (node = binary.path);
      const message = `Node ${version} is not available, so the snapshot is NOT tested on it: ${binary.missing}`;
      if (isCI()) throw new Error(`${message}\nCI=${process.env.CI}, so a skip is a failure.`);
      console.warn('\n' + '!'.repeat(80) + '\n' + message + '\n' + '!'.repeat(80));
    }, 600_000);

    it.each(
      runs.map((run) => [`${run.purpose} ${run.request.example}: ${run.request.command.join(' ')}`, run] as const),
    )('%s', async (label, run) => {
      if (!node) return;
      const required = requiredNode(run.request.example);
      if (required && olderThan(version, required)) {
        // What the runner does on such a Node: it says so instead of running (webcontainer-runner.test.ts).
        expect(REFUSED[version]).toContain(run.request.example);
        return;
      }
      const traced = run.request.env?.ASYNC_LAB_TRACE === '1';
      const expected = recordedView(run);
      // A second try only for output that the machine's timers decide (see TIMING_DECIDED), nothing else.
      const attempts = TIMING_DECIDED.includes(label) ? 2 : 1;
      let seen: ReturnType<typeof view> | undefined;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        seen = view(await runInSnapshot(node, run.request, 150_000), `v${version}`, traced);
        if (isDeepStrictEqual(seen, expected)) break;
      }
      expect(seen, `${run.lesson}: ${run.request.command.join(' ')}`).toEqual(expected);
    });

    it('names the reader’s file and line when an edit cannot be stripped (the twin fails as Node 22.18+ would)', async () => {
      if (!node) return;
      const transformSync = (amaro as { transformSync: AmaroTransform }).transformSync;
      const broken = 'const greeting: string = "hi";\nconst answer: = 42;\n';
      writeFileSync(join(unpacked, 'examples/00-hello-ts/src/broken.ts'), broken);
      writeFileSync(join(unpacked, 'examples/00-hello-ts/src/broken.js'), stripToJsTwin(broken, transformSync));
      const run = await runInSnapshot(
        node,
        { example: '00-hello-ts', files: {}, command: ['node', 'src/broken.ts'] },
        30_000,
      );
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/examples\/00-hello-ts\/src\/broken\.ts:2\n/);
      expect(run.output).toContain('const answer: = 42;\n              ^');
      expect(run.output).toContain('SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: ');
    });
  });
}

/** Which examples each version is too old for, by what they declare (run in the file of one version). */
export function describeRefusals(): void {
  describe('which examples the runner refuses on an older Node', () => {
    it.each(VERSIONS)('on %s: only those that declare a newer one', (version) => {
      const examples = [...new Set(runs.map((run) => run.request.example))];
      const refused = examples.filter((example) => {
        const required = requiredNode(example);
        return required !== undefined && olderThan(version, required);
      });
      expect(refused).toEqual(REFUSED[version]);
    });

    it('the runs given a second try are lesson runs (a renamed demo does not keep one)', () => {
      const labels = runs.map((run) => `${run.purpose} ${run.request.example}: ${run.request.command.join(' ')}`);
      expect(labels).toEqual(expect.arrayContaining(TIMING_DECIDED));
    });
  });
}
