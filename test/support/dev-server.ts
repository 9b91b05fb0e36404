// Starts `astro dev` on a free loopback port for e2e tests that need the dev server (the local runner exists
// only there), and stops it by the pid of its node process. Use in beforeAll/afterAll:
//   const dev = await startDevServer();  …  await dev.stop();
import { spawn } from 'node:child_process';
import { freePort } from './free-port.ts';

export interface DevServer {
  baseUrl: string;
  pid: number;
  /** What the server printed so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

export async function startDevServer(options: { startTimeoutMs?: number } = {}): Promise<DevServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    // --ignore-lock: several engineers (and test files) run their own dev server on this project at once, and
    // it also keeps astro from backgrounding itself, so the pid we hold is the server's.
    ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'],
    { env: { ...serverEnv(), ASTRO_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
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
      const response = await fetch(baseUrl + '/zh/', { signal: AbortSignal.timeout(120_000) });
      if (response.ok) return { baseUrl, pid: child.pid!, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`astro dev did not start at ${baseUrl}. Its output:\n${output}`);
}

/** The environment without what vitest adds (NODE_ENV=test, MODE, VITEST…), which derails a dev server. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(VITEST.*|NODE_ENV|TEST|MODE|DEV|PROD|SSR|BASE_URL)$/.test(name)) delete env[name];
  }
  return env;
}
