// Starts a throwaway Debian redis-server on a free loopback port for tests and benchmarks,
// or hands back REDIS_URL when the caller already has a server.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCI } from './ci.ts';

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

export type RealRedis = {
  url: string;
  /** True when we started the server (and stop() will kill it). */
  owned: boolean;
  /** The server process, when we own it (tests use it to observe the server). */
  process?: ChildProcess;
  stop(): Promise<void>;
};

/** Why a real Redis is unavailable, or undefined when one can be had. */
export function realRedisUnavailableReason(): string | undefined {
  if (process.env.REDIS_URL) return undefined;
  if (!existsSync(REDIS_SERVER_BIN)) {
    return `redis-server not found at ${REDIS_SERVER_BIN}: install it (apt-get install redis-server), set REDIS_SERVER_BIN, or set REDIS_URL to a running server.`;
  }
  return undefined;
}

/** CI must not silently skip the real-Redis half of the suite. */
export function mustHaveRealRedis(): boolean {
  return isCI();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once redis-server says it is ready; rejects if it exits first or takes over 10 s. */
function waitUntilReady(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`redis-server was not ready within 10 s:\n${output()}`));
    }, 10_000);
    const onData = () => {
      if (output().includes('Ready to accept connections')) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

/**
 * Uses REDIS_URL when set (unless `preferOwnServer` and redis-server is installed); otherwise starts redis-server on 127.0.0.1 with a free port,
 * no persistence, in a temp dir. Throws with a clear message when that is impossible.
 */
export async function startRealRedis(options: { preferOwnServer?: boolean } = {}): Promise<RealRedis> {
  const fromEnv = process.env.REDIS_URL;
  const ownPossible = existsSync(REDIS_SERVER_BIN);
  if (fromEnv && !(options.preferOwnServer && ownPossible)) return { url: fromEnv, owned: false, stop: async () => {} };
  if (!ownPossible) throw new Error(realRedisUnavailableReason());

  // A free port can be taken by someone else before redis-server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freePort());
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test((error as Error).message)) throw error;
    }
  }
}

export interface LaunchOptions {
  /** Keep the data across a stop and a new launch in the same `dir` (append-only file), as production should. */
  persist?: boolean;
  /** The server's working directory; a new temp dir when absent (removed by stop() unless given). */
  dir?: string;
}

/**
 * Starts redis-server on 127.0.0.1:`port`. A demo that stops Redis on purpose launches it again with the same
 * port and dir (and `persist`), and its clients reconnect to a server that still has their data.
 */
export async function launchRedisServer(port: number, options: LaunchOptions = {}): Promise<RealRedis> {
  if (!existsSync(REDIS_SERVER_BIN)) {
    throw new Error(
      `redis-server not found at ${REDIS_SERVER_BIN}: install it (apt-get install redis-server) or set REDIS_SERVER_BIN.`,
    );
  }
  return launch(port, options);
}

/** A free loopback port for a server of one's own. */
export { freePort };

async function launch(port: number, options: LaunchOptions = {}): Promise<RealRedis> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'async-lab-redis-'));
  const child = spawn(
    REDIS_SERVER_BIN,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      options.persist ? 'yes' : 'no',
      '--maxmemory-policy',
      'noeviction',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanup = () => {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    cleanup();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    owned: true,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      cleanup();
    },
  };
}
