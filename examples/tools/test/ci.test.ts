// On CI a skipped half of the tests is a failure, whatever way CI is spelled (CI=true, CI=1, CI=yes).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isCI } from '../ci.ts';

it.each([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['TRUE', true],
  ['false', false],
  ['0', false],
  ['', false],
  [undefined, false],
])('CI=%s is CI: %s', (value, expected) => {
  expect(isCI(value === undefined ? {} : { CI: value })).toBe(expected);
});

it.each([
  ['1', 1, 'FAIL: the real-Redis pass cannot run on CI'],
  ['true', 1, 'FAIL: the real-Redis pass cannot run on CI'],
  ['', 0, 'SKIPPED the real-Redis pass'],
])('without redis-server, CI=%j makes the real-Redis pass exit %i', (ci, code, says) => {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: ci, REDIS_SERVER_BIN: '/nonexistent/redis-server' };
  delete env.REDIS_URL;
  const run = spawnSync(process.execPath, ['tools/run-tests.ts', '--pass', 'redis'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env,
    encoding: 'utf8',
  });
  expect(run.stderr).toContain(says);
  expect(run.status).toBe(code);
});
