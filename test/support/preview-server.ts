// Vitest global setup for the e2e project: serves the built site (dist/) with `astro preview` on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { requireChromium } from './browser.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let preview: ChildProcess | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  requireChromium();
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests (npm test does it for you).');
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  preview = spawn(
    process.execPath,
    // --ignore-lock: a developer's own `npm run preview` (or another test run) must not stop the tests.
    ['node_modules/astro/bin/astro.mjs', 'preview', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'],
    {
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  preview.stdout!.on('data', (chunk) => (log += chunk));
  preview.stderr!.on('data', (chunk) => (log += chunk));
  await waitForServer(baseUrl, () => log);
  project.provide('baseUrl', baseUrl);
  return async () => {
    preview?.kill();
  };
}

async function waitForServer(url: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url + '/zh/');
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (preview?.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  preview?.kill();
  throw new Error(`astro preview did not start at ${url}. Its output:\n${log()}`);
}
