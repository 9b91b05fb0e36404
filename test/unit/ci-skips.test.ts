// The README's rule for the site's tests: without Chromium the browser tests are skipped with a loud message,
// and on CI (CI=true, CI=1, …) that skip is a failure.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

function requireChromiumWith(ci: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: ci, CHROMIUM_PATH: '/nonexistent/chromium' };
  const script = "import('./test/support/browser.ts').then((browser) => browser.requireChromium())";
  return spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
}

it.each(['1', 'true'])('fails on CI=%s without Chromium', (ci) => {
  const run = requireChromiumWith(ci);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('the browser tests are SKIPPED');
  expect(run.stderr).toContain(`CI=${ci}, so a skip is a failure.`);
});

it('skips loudly elsewhere', () => {
  const run = requireChromiumWith('');
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('the browser tests are SKIPPED');
});
