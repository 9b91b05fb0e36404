// Makes the npm scripts of a project run on a current Node when this machine's is older than the examples need
// (22.12, for TypeScript type stripping): it fetches Node 24 from the npm registry (the official build, published
// as node-<os>-<arch>, which is what the `node` package installs) into the project's .cache/node/, and links it as
// node_modules/.bin/node, the first `node` on the PATH that npm gives every script of the project. Nothing is
// installed globally and nothing needs root; deleting .cache/node and node_modules/.bin/node undoes it.
//
//   node tools/current-node.mjs [project folder]   (by `npm install`, before `npm test`/`npm start`; .ci/run)
//
// Plain JavaScript on purpose: it must run on the old Node it replaces.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REQUIRED = [22, 12];
/** The Node line fetched when the machine's is too old. */
export const FETCHED_MAJOR = 24;

export function isCurrent(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > REQUIRED[0] || (major === REQUIRED[0] && minor >= REQUIRED[1]);
}

/**
 * Ensures npm scripts in `projectDir` run on a current Node. Returns the line to show when they use the
 * project's own Node, or undefined when the machine's Node is current (then nothing is done or said).
 */
export function ensureCurrentNode(projectDir) {
  const cacheDir = join(projectDir, '.cache', 'node');
  const linked = join(projectDir, 'node_modules', '.bin', 'node');
  if (isCurrent()) {
    // Already running on the project's own Node (npm put node_modules/.bin first on the PATH)?
    if (resolve(process.execPath).startsWith(resolve(cacheDir))) return notice(cacheDir, projectDir);
    return undefined;
  }
  const binary = join(cacheDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) fetchNode(cacheDir);
  linkNode(binary, linked);
  return notice(cacheDir, projectDir);
}

function notice(cacheDir, projectDir) {
  const info = readInfo(cacheDir);
  return (
    `Node ${info.machine ?? 'on this machine'} is older than ${REQUIRED.join('.')}: npm scripts here run on Node ` +
    `${info.version} from ${relative(projectDir, cacheDir) || '.'} (fetched from the npm registry for this project only).`
  );
}

function readInfo(cacheDir) {
  try {
    return JSON.parse(readFileSync(join(cacheDir, 'async-lab.json'), 'utf8'));
  } catch {
    return { version: 'from the npm registry' };
  }
}

function platformPackage() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  if (!os || !['x64', 'arm64'].includes(process.arch)) {
    throw new Error(
      `There is no Node build for ${process.platform}-${process.arch} on the npm registry. ` +
        `Install Node ${REQUIRED.join('.')} or newer yourself (https://nodejs.org) and try again.`,
    );
  }
  if (os === 'win') {
    throw new Error(
      `Node ${process.version} is older than ${REQUIRED.join('.')}. On Windows install a current Node yourself ` +
        '(https://nodejs.org, or `winget install OpenJS.NodeJS.LTS`) and try again.',
    );
  }
  return `node-${os}-${process.arch}`;
}

function fetchNode(cacheDir) {
  const pkg = `${platformPackage()}@${FETCHED_MAJOR}`;
  console.error(`Node ${process.version} is older than ${REQUIRED.join('.')}: fetching ${pkg} from the npm registry…`);
  const work = mkdtempSync(join(tmpdir(), 'async-lab-node-'));
  try {
    const output = execFileSync('npm', ['pack', pkg, '--json', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [{ filename, version }] = JSON.parse(output);
    execFileSync('tar', ['xzf', join(work, filename), '-C', work]);
    const fetched = join(work, 'package');
    writeFileSync(
      join(fetched, 'async-lab.json'),
      `${JSON.stringify({ version: `v${version}`, machine: process.version, package: pkg })}\n`,
    );
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(dirname(cacheDir), { recursive: true });
    renameSync(fetched, cacheDir);
  } catch (error) {
    throw new Error(
      `Could not fetch ${pkg} from the npm registry (${String(error.message).split('\n')[0]}). ` +
        `Install Node ${REQUIRED.join('.')} or newer yourself (https://nodejs.org) and try again.`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function linkNode(binary, linked) {
  mkdirSync(dirname(linked), { recursive: true });
  const target = relative(dirname(linked), binary);
  try {
    const stat = lstatSync(linked);
    if (stat.isSymbolicLink() && readlinkSync(linked) === target) return;
    rmSync(linked, { force: true }); // an older link, or the `node` package's own: ours is the one wanted
  } catch {
    // no link yet
  }
  symlinkSync(target, linked);
}

// Run directly: the project is the folder given; else the npm project running this script (inside the repository
// that is its root, so examples/ shares the root's Node); else the folder above tools/.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const project =
      process.argv[2] ?? process.env.npm_config_local_prefix ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const line = ensureCurrentNode(resolve(project));
    if (line) console.error(line);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
