// The README's commands on a machine whose Node (20) is older than the project needs: the project brings its own
// current Node (examples/tools/current-node.mjs), says so in one line, and everything runs on it.
// - a copied examples/, as the "Run it on your machine" page hands it out (the whole-examples zip of the built
//   site, or the same zip made from the sources when there is no build): the page's `npm install` (which keeps
//   to the lockfile), then `npm start`, `npm run check` and `npm test` in packages;
// - the repository's `npm start` and `npm test` (scripts/ensure-installed.mjs), on a small project laid out like
//   the repository, so the test does not install the whole site again.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { allExamplesFolder, zipAllExamples } from '../../src/lib/content/example-zip.ts';
import { oldNodeEnv, OLD_NODE_VERSION } from '../support/old-node.ts';
import { runCommand } from '../support/run-command.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'async-lab-fresh-machine-'));
afterAll(() => rm(work, { recursive: true, force: true }), 120_000);
const old = oldNodeEnv();
const env = 'env' in old ? old.env : {};
const broughtItsOwn = new RegExp(
  `Node v${OLD_NODE_VERSION.replaceAll('.', '\\.')} is older than 22\\.12: npm scripts here run on Node v24\\.\\d+\\.\\d+ from \\.cache/node`,
);

describe.runIf('env' in old)(`on Node ${OLD_NODE_VERSION}`, { timeout: 900_000 }, () => {
  it('the whole-examples download installs from its lockfile, then starts, checks and tests on its own Node', async () => {
    const built = join(repoRoot, 'dist', 'downloads', `${allExamplesFolder}.zip`);
    const zip = existsSync(built) ? new Uint8Array(readFileSync(built)) : zipAllExamples();
    for (const [path, data] of Object.entries(unzipSync(zip))) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), data);
    }
    const copy = join(work, allExamplesFolder);
    // What the lockfile pins: every installed package's version (npm may rewrite the file's layout).
    const pinned = () =>
      Object.entries(
        (
          JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')) as {
            packages: Record<string, { version?: string }>;
          }
        ).packages,
      )
        .filter(([path]) => path.includes('node_modules/'))
        .map(([path, entry]) => `${path}@${entry.version}`)
        .sort();
    const lockfile = pinned();
    const run = (command: string, dir = '') => runCommand(command, { cwd: join(copy, dir), env, timeoutMs: 600_000 });

    expect((await run('node --version')).output.trim()).toBe(`v${OLD_NODE_VERSION}`);
    const install = await run('npm install --no-audit --no-fund');
    expect(install.code, install.output).toBe(0);
    expect(install.output).toMatch(broughtItsOwn);
    expect(pinned(), 'npm install kept to the lockfile').toEqual(lockfile);

    const start = await run('npm start', '05-queue-basics');
    expect(start.code, start.output).toBe(0);
    expect(start.output).toContain('job 1 finished: add(2, 3) = 5, state: completed');

    const check = await run('npm run check -- --solution', '01-async-await');
    expect(check.code, check.output).toBe(0);
    expect(check.output).toMatch(/(\d+) of \1 checks pass/);

    // npm test at the top (which says which Node it runs on), limited to one small package, and inside a package.
    const test = await run('npm test -- --pass memory 00-hello-ts/');
    expect(test.code, test.output).toBe(0);
    expect(test.output).toMatch(broughtItsOwn);
    expect(test.output).toMatch(/Test Files +1 passed \(1\)/);
    const inside = await run('npm test -- --pass memory', '00-hello-ts');
    expect(inside.code, inside.output).toBe(0);
    expect(inside.output).toMatch(/Test Files +1 passed \(1\)/);
  });

  it("the repository's npm start and npm test bring their own Node, install, and run on it", async () => {
    const project = join(work, 'repository');
    mkdirSync(join(project, 'scripts'), { recursive: true });
    mkdirSync(join(project, 'examples', 'tools'), { recursive: true });
    cpSync(join(repoRoot, 'scripts', 'ensure-installed.mjs'), join(project, 'scripts', 'ensure-installed.mjs'));
    cpSync(
      join(repoRoot, 'examples', 'tools', 'current-node.mjs'),
      join(project, 'examples', 'tools', 'current-node.mjs'),
    );
    const manifest = {
      name: 'fresh-clone',
      private: true,
      type: 'module',
      scripts: {
        prestart: 'node scripts/ensure-installed.mjs',
        start: 'node -e "console.log(\'started on\', process.version)"',
        pretest: 'node scripts/ensure-installed.mjs',
        test: 'node -e "console.log(\'tested on\', process.version)"',
      },
    };
    writeFileSync(join(project, 'package.json'), JSON.stringify(manifest));
    writeFileSync(
      join(project, 'package-lock.json'),
      JSON.stringify({
        name: 'fresh-clone',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'fresh-clone' } },
      }),
    );
    const run = (command: string) => runCommand(command, { cwd: project, env, timeoutMs: 600_000 });

    const start = await run('npm start');
    expect(start.code, start.output).toBe(0);
    expect(start.output).toMatch(broughtItsOwn);
    expect(start.output).toContain('Installing dependencies (npm install)');
    expect(start.output).toMatch(/^started on v24\./m);

    const test = await run('npm test');
    expect(test.code, test.output).toBe(0);
    expect(test.output).toMatch(broughtItsOwn);
    expect(test.output).toMatch(/^tested on v24\./m);
  });
});
