// The dev server around the local runner: which pages can read it (and so its token), and what of a run
// survives the dev server's end. Real `astro dev` servers (one killed outright), real Chromium, real processes.
import { readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsFolder } from '../../src/integrations/local-runner/session.ts';
import { LOCAL_RUNNER_ENDPOINT, TOKEN_HEADER } from '../../src/lib/runtime/local-runner-protocol.ts';
import { launchBrowser } from '../support/browser.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';
import { freePort } from '../support/free-port.ts';
import { isAlive } from '../support/processes.ts';

const servers: DevServer[] = [];
let browser: Browser | undefined;
let other: Server | undefined;

afterAll(async () => {
  await browser?.close();
  other?.close();
  for (const server of servers) await server.stop();
}, 60_000);

async function devServer(): Promise<DevServer> {
  const server = await startDevServer();
  servers.push(server);
  return server;
}

/** The token the dev server put on its pages (what a page of another origin must not be able to read). */
async function tokenOf(server: DevServer): Promise<string> {
  const html = await (await fetch(`${server.baseUrl}/en/`)).text();
  return /"token":"([^"]+)"/.exec(html)![1]!;
}

/** Starts a run whose child leaves the process group and session; resolves with the pids once printed. */
async function runWithDetachedChild(server: DevServer): Promise<{ main: number; child: number }> {
  const response = await fetch(`${server.baseUrl}${LOCAL_RUNNER_ENDPOINT}/run`, {
    method: 'POST',
    headers: { [TOKEN_HEADER]: await tokenOf(server), 'content-type': 'application/json' },
    body: JSON.stringify({
      example: '00-hello-ts',
      files: {
        'src/detach.ts': [
          "import { spawn } from 'node:child_process';",
          "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });",
          'child.unref();',
          'console.log(`pids ${process.pid} ${child.pid}`);',
          'setInterval(() => {}, 1000);',
        ].join('\n'),
      },
      command: ['node', 'src/detach.ts'],
    }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/pids \d+ \d+/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the run ended before printing its pids: ${text}`);
    text += value;
  }
  const [, main, child] = /pids (\d+) (\d+)/.exec(text)!;
  // The response stays open (the run goes on); the dev server's end is what this test is about.
  return { main: Number(main), child: Number(child) };
}

const sessionFolders = (server: DevServer) =>
  readdirSync(runsFolder()).filter((name) => name.startsWith(`session-${server.pid}-`));

describe('the dev server around the local runner', () => {
  let dev: DevServer;
  beforeAll(async () => {
    dev = await devServer();
  }, 240_000);

  it('keeps its runs folder private to this user', () => {
    expect(statSync(runsFolder()).mode & 0o777).toBe(0o700);
    expect(sessionFolders(dev)).toHaveLength(1);
  });

  it('answers no other origin’s page, not even another http://127.0.0.1 one: it cannot read the token', async () => {
    // Without the browser: no CORS headers for another origin, on pages or on the runner's preflight.
    const page = await fetch(`${dev.baseUrl}/en/`, { headers: { origin: 'http://127.0.0.1:9' } });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${dev.baseUrl}${LOCAL_RUNNER_ENDPOINT}/run`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:9',
        'access-control-request-method': 'POST',
        'access-control-request-headers': TOKEN_HEADER,
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    // In Chromium, from a page served on another loopback port.
    const port = await freePort();
    other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>another local app</title>');
    });
    await new Promise<void>((done) => other!.listen(port, '127.0.0.1', done));
    browser = await launchBrowser();
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${port}/`);
    const read = await tab.evaluate(async (url) => {
      try {
        const html = await (await fetch(url)).text();
        return /"token":"([^"]+)"/.exec(html)?.[1] ?? 'read the page, no token in it';
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, `${dev.baseUrl}/en/`);
    expect(read).toMatch(/^refused: TypeError/);
    await tab.close();
  });

  it('when it stops, a run’s processes stop with it, even those that left the run’s process group', async () => {
    const { main, child } = await runWithDetachedChild(dev);
    expect([isAlive(main), isAlive(child)]).toEqual([true, true]);
    await dev.stop(); // SIGTERM, as Ctrl-C or a closing terminal would
    await expect.poll(() => [isAlive(main), isAlive(child)], { timeout: 15_000 }).toEqual([false, false]);
    expect(sessionFolders(dev)).toEqual([]);
  });
});

describe('a dev server killed outright (SIGKILL)', () => {
  it('leaves its runs going, and the next dev server ends them before removing their folder', async () => {
    const first = await devServer();
    const { main, child } = await runWithDetachedChild(first);
    process.kill(first.pid, 'SIGKILL');
    await first.stop();
    expect(sessionFolders(first)).toHaveLength(1);
    expect([isAlive(main), isAlive(child)]).toEqual([true, true]);
    const [folder] = sessionFolders(first);

    await devServer();

    await expect.poll(() => [isAlive(main), isAlive(child)], { timeout: 15_000 }).toEqual([false, false]);
    expect(readdirSync(runsFolder())).not.toContain(folder);
  }, 360_000);
});
