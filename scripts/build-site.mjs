// `npm run build`: runs `astro build` as is, and keeps a copy of its log in .cache/build.log, so a test can
// hold the build to a clean log (test/content/build-log.test.ts): a warning nobody reads is a warning that
// stays. The exit code is astro's.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';

mkdirSync('.cache', { recursive: true });
const log = createWriteStream('.cache/build.log');
const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'pipe'],
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
child.stdout.on('data', (chunk) => (process.stdout.write(chunk), log.write(chunk)));
child.stderr.on('data', (chunk) => (process.stderr.write(chunk), log.write(chunk)));
child.on('close', (code, signal) => log.end(() => process.exit(code ?? (signal ? 1 : 0))));
