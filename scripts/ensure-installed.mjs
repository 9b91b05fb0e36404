// Runs before `npm start` and `npm test`, so the README's two commands work on a fresh clone:
// checks Node's version, then installs dependencies when they are missing or older than the lockfile.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Async Lab needs Node.js 22.12 or newer; this is ${process.version}.\n` +
      'Install a current Node (e.g. `nvm install` reads .nvmrc, or `npm install -g node@24`) and try again.',
  );
  process.exit(1);
}

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm install)…');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}
