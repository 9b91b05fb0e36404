// Starts `astro dev` on a free loopback port for e2e tests that need the dev server (the local runner exists
// only there), and stops it by the pid of its node process. Use in beforeAll/afterAll:
//   const dev = await startDevServer();  …  await dev.stop();
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './free-port.ts';

const astroBin = resolve(import.meta.dirname, '../../node_modules/astro/bin/astro.mjs');

export interface DevServer {
  baseUrl: string;
  pid: number;
  /** What the server printed so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  startTimeoutMs?: number;
  /** The site to serve (default: this repo). */
  root?: string;
  /** The page whose first answer means the server is ready (default: `/zh/`). */
  readyPath?: string;
  /** Added to the server's environment. */
  env?: NodeJS.ProcessEnv;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    // --ignore-lock: several engineers (and test files) run their own dev server on this project at once, and
    // it also keeps astro from backgrounding itself, so the pid we hold is the server's.
    [astroBin, 'dev', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'],
    {
      cwd: options.root,
      env: { ...serverEnv(), ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killTimer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      // The first request compiles the page, so a generous per-request timeout.
      const response = await fetch(baseUrl + (options.readyPath ?? '/zh/'), { signal: AbortSignal.timeout(120_000) });
      if (response.ok) {
        await takeStartupReload(baseUrl);
        return { baseUrl, pid: child.pid!, log: () => output, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`astro dev did not start at ${baseUrl}. Its output:\n${output}`);
}

/**
 * astro dev syncs content as it starts and asks the open pages to reload. With no page open yet, Vite keeps that
 * request and hands it to the first client that connects, right after its `connected` message: the first page a
 * test opens would reload at once, under load after the test clicked something in it, losing the click. So a
 * client that is not a page connects first and takes it.
 *
 * The connection needs the token Vite writes into its client script (`wsToken`, since Vite 6.0.9). That is Vite's
 * own detail, so a change to it fails here, loudly, before any test runs.
 */
async function takeStartupReload(baseUrl: string): Promise<void> {
  const client = await (await fetch(`${baseUrl}/@vite/client`)).text();
  const token = /\bconst wsToken = "([^"]+)"/.exec(client)?.[1];
  if (!token) throw new Error(`Vite's client script (${baseUrl}/@vite/client) no longer declares wsToken`);
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/?token=${token}`, 'vite-hmr');
  try {
    await new Promise<void>((connected, failed) => {
      socket.addEventListener('message', (event) => {
        if ((JSON.parse(String(event.data)) as { type?: string }).type === 'connected') connected();
      });
      socket.addEventListener('error', () => failed(new Error(`could not connect to Vite's HMR socket at ${baseUrl}`)));
      socket.addEventListener('close', () => failed(new Error(`Vite's HMR socket at ${baseUrl} closed`)));
    });
  } finally {
    socket.close();
  }
}

/** The environment without what vitest adds (NODE_ENV=test, MODE, VITEST…), which derails a dev server. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(VITEST.*|NODE_ENV|TEST|MODE|DEV|PROD|SSR|BASE_URL)$/.test(name)) delete env[name];
  }
  return env;
}
