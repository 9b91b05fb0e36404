// `npm test` of the examples, in this folder or inside one package: every test on the in-memory Redis, then
// the files that touch Redis (*.queue.test.ts) again on a real redis-server. Each pass says which backend it
// means and sets or removes REDIS_URL itself; course-tools/testing/vitest-setup.ts checks it got that backend.
// `--pass memory` or `--pass redis` runs one pass only; other arguments go to vitest (e.g. a file filter).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCI } from './ci.ts';
import { realRedisUnavailableReason, startRealRedis } from './redis-server.ts';

const examplesDir = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const passFlag = args.indexOf('--pass');
const only = passFlag === -1 ? undefined : args.splice(passFlag, 2)[1];
if (only !== undefined && only !== 'memory' && only !== 'redis') {
  console.error('usage: node tools/run-tests.ts [--pass memory|redis] [vitest arguments]');
  process.exit(2);
}
const vitestArgs = args;
const bar = '='.repeat(78);

/** The package `npm test` was started in, when it was started inside one. */
function packageFromCwd(): string | undefined {
  const inside = relative(examplesDir, process.cwd());
  if (inside === '' || inside.startsWith('..')) return undefined;
  return inside.split(sep)[0];
}

function findVitest(): string {
  for (let dir = examplesDir; ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error('vitest is not installed: run npm install first.');
  }
}

function runVitest(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const child = spawn(process.execPath, [findVitest(), 'run', ...args, ...vitestArgs], {
    cwd: examplesDir,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const pkg = packageFromCwd();
const scope = pkg ? `${pkg}'s tests` : 'the examples’ tests';
const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...(pkg ? { ASYNC_LAB_TEST_PACKAGE: pkg } : {}) };

if (only !== 'redis') {
  console.log(`\n${scope} on the in-memory Redis (REDIS_URL removed for this pass)\n`);
  const memoryEnv: NodeJS.ProcessEnv = { ...baseEnv, ASYNC_LAB_TEST_BACKEND: 'memory' };
  delete memoryEnv.REDIS_URL;
  const code = await runVitest(memoryEnv, []);
  if (code !== 0 || only === 'memory') process.exit(code);
}

const reason = realRedisUnavailableReason();
if (reason) {
  if (isCI()) {
    console.error(`${bar}\nFAIL: the real-Redis pass cannot run on CI: ${reason}\n${bar}`);
    process.exit(1);
  }
  console.error(`${bar}\nSKIPPED the real-Redis pass: ${reason}\n(with CI set this is a failure)\n${bar}`);
  process.exit(0);
}

// An empty server of our own when redis-server is installed; the shell's REDIS_URL only otherwise.
const redis = await startRealRedis({ preferOwnServer: true });
const where = redis.owned
  ? `a redis-server started for this pass at ${redis.url}`
  : `REDIS_URL from your environment (${redis.url}); tests use keys under their own prefixes and remove them`;
console.log(`\n${scope} that touch Redis (*.queue.test.ts), on ${where}\n`);
const code = await runVitest({ ...baseEnv, ASYNC_LAB_TEST_BACKEND: 'redis', REDIS_URL: redis.url }, [
  '--passWithNoTests',
]);
await redis.stop();
process.exit(code);
