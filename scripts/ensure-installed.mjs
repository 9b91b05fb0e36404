// Runs before `npm start` and `npm test`, so the README's two commands work on a fresh clone: on a machine whose
// Node is older than the project needs, it gives the project a current Node of its own (examples/tools/
// current-node.mjs: fetched from the npm registry into .cache/node, first on the PATH of every npm script here),
// then installs dependencies when they are missing or older than the lockfile.
// Plain JavaScript on purpose: it runs on the old Node it replaces.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCurrentNode } from '../examples/tools/current-node.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const line = ensureCurrentNode(repoRoot);
  if (line) console.error(line);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const marker = resolve(repoRoot, 'node_modules/.package-lock.json');
const lockfile = resolve(repoRoot, 'package-lock.json');
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lockfile).mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm install)…');
  // `npm` is found on the PATH npm gave this script, where node_modules/.bin/node now comes first.
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit', cwd: repoRoot });
}
