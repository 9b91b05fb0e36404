// Every lesson's Download zip, as a reader gets it, on a machine whose Node (20) is older than the examples need:
// unzipped into an empty folder, then exactly what its README says: `npm install` (which brings the folder its own
// current Node and says so), `npm start`, `npm run check` on the starter, and on the solution.
// Slow (an install per lesson, from the npm cache after the first run), so it runs the lessons two at a time.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { examplePackages } from '../../src/lib/content/example-files.ts';
import { zipExample } from '../../src/lib/content/example-zip.ts';
import { mapPool } from '../../scripts/lib/record.ts';
import { oldNodeEnv, OLD_NODE_VERSION } from '../support/old-node.ts';
import { runCommand, runUntil } from '../support/run-command.ts';

const lessons = examplePackages().filter((name) => /^\d\d-/.test(name));
const work = mkdtempSync(join(tmpdir(), 'async-lab-downloads-'));
afterAll(() => rm(work, { recursive: true, force: true }), 120_000);

/** Unzips a lesson's download into an empty folder; returns the folder the zip holds. */
function unzipLesson(lesson: string): string {
  const into = join(work, lesson);
  for (const [path, data] of Object.entries(unzipSync(zipExample(lesson)))) {
    mkdirSync(dirname(join(into, path)), { recursive: true });
    writeFileSync(join(into, path), data);
  }
  return join(into, lesson);
}

interface LessonResult {
  lesson: string;
  install: string;
  start: { code: number | null; output: string; served?: number };
  check?: { code: number | null; output: string };
  solution?: { code: number | null; output: string };
}

/** A line a server prints once it listens (ours, or Fastify's own log in the capstone). */
const listening = /listening (?:on|at) (http:\/\/127\.0\.0\.1:\d+)/i;

async function tryLesson(lesson: string, env: NodeJS.ProcessEnv): Promise<LessonResult> {
  try {
    return await installStartCheck(lesson, unzipLesson(lesson), env);
  } finally {
    await rm(join(work, lesson), { recursive: true, force: true }); // each holds a Node of its own: 100+ MB
  }
}

async function installStartCheck(lesson: string, cwd: string, env: NodeJS.ProcessEnv): Promise<LessonResult> {
  const options = { cwd, env: { ...env, PORT: '0' }, timeoutMs: 600_000 };
  const install = await runCommand('npm install --no-audit --no-fund', options);
  if (install.code !== 0) return { lesson, install: install.output, start: { code: null, output: 'not run' } };
  const started = await runUntil('npm start', listening, { ...options, timeoutMs: 180_000 });
  // A server is stopped once it says where it listens; a script must end by itself with code 0.
  const served = started.match ? Number(started.match[1]!.split(':').at(-1)) : undefined;
  const result: LessonResult = { lesson, install: install.output, start: { ...started, served } };
  if (JSON.parse(readFileSync(join(cwd, lesson, 'package.json'), 'utf8')).scripts?.check) {
    result.check = await runCommand('npm run check', options);
    result.solution = await runCommand('npm run check -- --solution', options);
  }
  return result;
}

describe(`the Download zip of every lesson, on Node ${OLD_NODE_VERSION}`, () => {
  const old = oldNodeEnv();

  it.runIf('env' in old)('installs, starts and checks in an empty folder', { timeout: 2_400_000 }, async () => {
    const env = (old as { env: NodeJS.ProcessEnv }).env;
    const results = await mapPool(lessons, 2, (lesson) => tryLesson(lesson, env));
    for (const result of results) {
      const name = result.lesson;
      expect(result.install, `${name}: npm install says it brought its own Node`).toMatch(
        new RegExp(
          `Node v${OLD_NODE_VERSION.replaceAll('.', '\\.')} is older than 22\\.12: npm scripts here run on Node v24\\.`,
        ),
      );
      expect(result.install, `${name}: npm install`).toMatch(/added \d+ packages?/);
      expect(result.install, `${name}: no install-script warning`).not.toContain('not yet covered by allowScripts');
      if (result.start.served !== undefined) {
        expect(result.start.served, `${name}: npm start serves on a real port`).toBeGreaterThan(0);
      } else {
        expect(result.start.code, `${name}: npm start\n${result.start.output}`).toBe(0);
      }
      expect(result.start.output, `${name}: npm start runs on the folder's Node`).toContain(
        'npm scripts here run on Node v24.',
      );
      expect(result.start.output).not.toMatch(/Cannot find (package|module)|ERR_/);
      if (result.check && result.solution) {
        expect(result.check.output, `${name}: npm run check`).toMatch(
          /^Checking exercise\/starter with exercise\/check\.test\.ts$/m,
        );
        expect(result.check.output, `${name}: the starter's verdict`).toMatch(/\d+ of \d+ checks fail/);
        expect(result.check.output).not.toContain('The checks could not run');
        expect(result.solution.code, `${name}: npm run check -- --solution\n${result.solution.output}`).toBe(0);
        expect(result.solution.output).toMatch(/(\d+) of \1 checks pass/);
      }
    }
  });
});
