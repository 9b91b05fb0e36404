// The preview pane's local side: a run that starts an HTTP server gets a `server-ready` event through the Runner
// interface, and the dev server's proxy serves that server's pages, embeddable in our cross-origin isolated
// pages, streaming Server-Sent Events as they come, to this run's page only. Real endpoint, real processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalRunnerEndpoint,
  type LocalRunnerEndpoint,
} from '../../../src/integrations/local-runner/endpoint.ts';
import { LOCAL_RUNNER_ENDPOINT } from '../../../src/lib/runtime/local-runner-protocol.ts';
import { LocalRunner } from '../../../src/lib/runtime/local-runner.ts';
import type { RunEvent, RunExit, RunRequest } from '../../../src/lib/runtime/runner.ts';

const repo = resolve(import.meta.dirname, '../../..');
const token = 'preview-test-token-0123456789';
let server: Server;
let endpoint: LocalRunnerEndpoint;
let baseUrl: string;
let sessionDir: string;
const stops: AbortController[] = [];

beforeAll(async () => {
  sessionDir = mkdtempSync(join(tmpdir(), 'async-lab-preview-test-'));
  endpoint = createLocalRunnerEndpoint({
    endpoint: LOCAL_RUNNER_ENDPOINT,
    token,
    examplesDir: join(repo, 'examples'),
    nodeModulesDir: join(repo, 'node_modules'),
    sessionDir,
  });
  server = createServer((req, res) => endpoint.handle(req, res, () => res.end()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterEach(async () => {
  for (const stop of stops.splice(0)) stop.abort();
  await endpoint.stopAll();
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  rmSync(sessionDir, { recursive: true, force: true });
});

/** A plain Node HTTP server as a run's program: a page, a framed-forbidden header, and a two-step event stream. */
const httpServer = [
  "import { createServer } from 'node:http';",
  'let next: (() => void) | undefined;',
  'const server = createServer((req, res) => {',
  "  if (req.url === '/events') {",
  "    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });",
  "    res.write('data: one\\n\\n');",
  "    next = () => res.end('data: two\\n\\n');",
  "  } else if (req.url === '/next') { next?.(); res.end('ok'); }",
  "  else { res.writeHead(200, { 'content-type': 'text/html', 'x-frame-options': 'DENY' }); res.end(`<h1>page ${req.url}</h1>`); }",
  '});',
  "console.log('starting the server');",
  "server.listen(0, '127.0.0.1', () => console.log(`listening on ${(server.address() as { port: number }).port}`));",
];

interface Started {
  events: RunEvent[];
  exit: Promise<RunExit>;
  stop: AbortController;
  output(): string;
}

function start(code: string[]): Started {
  const request: RunRequest = {
    example: '00-hello-ts',
    files: { 'src/server.ts': code.join('\n') },
    command: ['node', 'src/server.ts'],
  };
  const stop = new AbortController();
  stops.push(stop);
  const events: RunEvent[] = [];
  const runner = new LocalRunner({ config: { endpoint: LOCAL_RUNNER_ENDPOINT, token }, baseUrl });
  const exit = runner.run(request, (event) => events.push(event), stop.signal);
  const output = () => events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('');
  return { events, exit, stop, output };
}

const serverReady = async (run: Started) => {
  await expect.poll(() => run.events.some((e) => e.type === 'server-ready'), { timeout: 30_000 }).toBe(true);
  return run.events.find((e) => e.type === 'server-ready') as { port: number; url: string };
};

/** A GET with the headers a browser would send; Node's fetch cannot set Host or Sec-Fetch-Site freely. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.once('error', fail);
    req.end();
  });
}

describe('a run’s HTTP server in the preview pane (local runner)', () => {
  it('announces the server once it listens, after what it printed before, with a URL on the dev server’s proxy', async () => {
    const run = start(httpServer);
    const ready = await serverReady(run);
    // What the program printed before it listened comes first. What it prints once listening may come after:
    // the OS shows the socket as soon as it listens, and a loaded machine can pause the program before it prints.
    const index = run.events.findIndex((e) => e.type === 'server-ready');
    const before = run.events.slice(0, index).flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(before.join('')).toContain('starting the server');
    await expect.poll(() => /listening on (\d+)/.exec(run.output())?.[1], { timeout: 30_000 }).toBeDefined();
    const printed = Number(/listening on (\d+)/.exec(run.output())?.[1]);
    expect(ready.port).toBe(printed);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__async-lab-preview\/[\w-]{20,}\/$/);
    expect(new URL(ready.url).port).not.toBe(String(printed));
  });

  it('serves the pages, embeddable in a cross-origin isolated page (COEP, CORP, no X-Frame-Options)', async () => {
    const { url } = await serverReady(start(httpServer));
    // The pane's first navigation, from a page of the dev server: same site, another port.
    const page = await get(url + 'lesson?x=1', { 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'iframe' });
    expect(page).toMatchObject({ status: 200, body: '<h1>page /lesson?x=1</h1>' });
    expect(page.headers).toMatchObject({
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'cross-origin',
    });
    expect(page.headers['x-frame-options']).toBeUndefined();
    // Then the page's own requests, at the server's own paths.
    const origin = new URL(url).origin;
    const own = await get(`${origin}/style.css`, { 'sec-fetch-site': 'same-origin' });
    expect(own).toMatchObject({ status: 200, body: '<h1>page /style.css</h1>' });
  });

  it('refuses other pages without the secret, and any non-loopback Host', async () => {
    const { url } = await serverReady(start(httpServer));
    const origin = new URL(url).origin;
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect((await get(`${origin}/`, { 'sec-fetch-site': site })).status, site).toBe(403);
    }
    expect((await get(`${origin}/`)).status).toBe(403);
    expect((await get(url, { host: 'evil.example', 'sec-fetch-site': 'same-origin' })).status).toBe(403);
  });

  it('streams Server-Sent Events as they are sent, not when the stream ends', async () => {
    const { url } = await serverReady(start(httpServer));
    const origin = new URL(url).origin;
    const response = await new Promise<import('node:http').IncomingMessage>((done, fail) =>
      request(`${origin}/events`, { headers: { 'sec-fetch-site': 'same-origin' } }, done)
        .once('error', fail)
        .end(),
    );
    expect(response.headers['content-type']).toBe('text/event-stream');
    response.setEncoding('utf8');
    let text = '';
    response.on('data', (chunk: string) => (text += chunk));
    // The second event is only sent after /next, which we ask for once the first one has come through.
    await expect.poll(() => text, { timeout: 20_000 }).toBe('data: one\n\n');
    expect((await get(`${origin}/next`, { 'sec-fetch-site': 'same-origin' })).body).toBe('ok');
    await expect.poll(() => text, { timeout: 20_000 }).toBe('data: one\n\ndata: two\n\n');
  });

  it('announces only the run’s own ports, and closes the proxy when the run ends', async () => {
    const other = createServer((_req, res) => res.end('not the run’s'));
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    try {
      const run = start(httpServer);
      const { url, port } = await serverReady(run);
      expect(port).not.toBe((other.address() as { port: number }).port);
      expect(run.events.filter((e) => e.type === 'server-ready')).toHaveLength(1);
      run.stop.abort();
      expect(await run.exit).toMatchObject({ reason: 'stopped' });
      await expect(get(url, { 'sec-fetch-site': 'same-site' })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      other.close();
    }
  });

  it('a Fastify app from the examples: its routes through the proxy', async () => {
    const run = start([
      "import Fastify from 'fastify';",
      'const app = Fastify();',
      "app.get('/hello', async () => ({ hello: 'world' }));",
      "console.log(await app.listen({ host: '127.0.0.1', port: 0 }));",
    ]);
    const { url } = await serverReady(run);
    const answer = await get(url + 'hello', { 'sec-fetch-site': 'same-site' });
    expect(answer).toMatchObject({ status: 200, body: '{"hello":"world"}' });
  });
});
