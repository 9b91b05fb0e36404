// Astro integration for the local runner: in `astro dev` only, it mounts the runner endpoint on the dev server
// and tells the pages where it is (with the session token). In `astro build` it does nothing at all, so the
// static site has neither the endpoint nor the token.
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  LOCAL_RUNNER_ENDPOINT,
  LOCAL_RUNNER_GLOBAL,
  type LocalRunnerConfig,
} from '../../lib/runtime/local-runner-protocol.ts';
import { createLocalRunnerEndpoint, type LocalRunnerEndpoint } from './endpoint.ts';

interface Session {
  token: string;
  sessionDir: string;
  endpoint?: LocalRunnerEndpoint;
}

// Kept on globalThis so a config restart (astro re-runs the integrations) keeps the token pages already have.
const SESSION_KEY = Symbol.for('async-lab.local-runner.session');

export default function localRunner(): AstroIntegration {
  let root = '';
  return {
    name: 'async-lab-local-runner',
    hooks: {
      'astro:config:setup'({ command, config, injectScript }) {
        if (command !== 'dev') return;
        root = fileURLToPath(config.root);
        const session = getSession();
        const pageConfig: LocalRunnerConfig = {
          endpoint: config.base.replace(/\/$/, '') + LOCAL_RUNNER_ENDPOINT,
          token: session.token,
        };
        injectScript(
          'head-inline',
          `globalThis[${JSON.stringify(LOCAL_RUNNER_GLOBAL)}]=${JSON.stringify(pageConfig)};`,
        );
      },
      async 'astro:server:setup'({ server, logger }) {
        if (!root) return;
        const session = getSession();
        await mkdir(session.sessionDir, { recursive: true });
        session.endpoint ??= createLocalRunnerEndpoint({
          endpoint: LOCAL_RUNNER_ENDPOINT,
          token: session.token,
          examplesDir: join(root, 'examples'),
          nodeModulesDir: join(root, 'node_modules'),
          sessionDir: session.sessionDir,
        });
        const endpoint = session.endpoint;
        server.middlewares.use((req, res, next) => endpoint.handle(req, res, next));
        logger.info(`local runner at ${LOCAL_RUNNER_ENDPOINT} (loopback only, token on the pages)`);
      },
      async 'astro:server:done'() {
        const session = getSession();
        await session.endpoint?.stopAll();
      },
    },
  };
}

function getSession(): Session {
  const scope = globalThis as { [SESSION_KEY]?: Session };
  if (scope[SESSION_KEY]) return scope[SESSION_KEY];
  const runsDir = join(tmpdir(), 'async-lab-runs');
  removeAbandonedSessions(runsDir);
  const session: Session = {
    token: randomBytes(32).toString('base64url'),
    sessionDir: join(runsDir, `session-${process.pid}-${randomBytes(4).toString('hex')}`),
  };
  scope[SESSION_KEY] = session;
  // Whatever way the dev server ends, its runs end with it and their copies go.
  process.once('exit', () => {
    session.endpoint?.killAllNow();
    rmSync(session.sessionDir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      session.endpoint?.killAllNow();
      rmSync(session.sessionDir, { recursive: true, force: true });
      // Re-raise so the default (or Astro's own) handling still ends the process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  return session;
}

/** Run folders left by dev servers that died without cleaning up (their pid is gone). */
function removeAbandonedSessions(runsDir: string): void {
  let names: string[];
  try {
    names = readdirSync(runsDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^session-(\d+)-/.exec(name)?.[1]);
    if (!pid || isAlive(pid)) continue;
    rmSync(join(runsDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
