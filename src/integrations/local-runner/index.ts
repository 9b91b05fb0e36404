// Astro integration for the local runner: in `astro dev` only, it mounts the runner endpoint on the dev server
// and tells the pages where it is (with the session token). In `astro build` it does nothing at all, so the
// static site has neither the endpoint nor the token.
//
// Code typed in a page runs here with this user's rights on this machine, so only this dev server's own pages
// may ask: the endpoint checks the caller, and Vite's CORS is off, so no other page (not even another
// http://localhost:* one) can read a page of this server, and the token in it.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import {
  LOCAL_RUNNER_ENDPOINT,
  LOCAL_RUNNER_GLOBAL,
  type LocalRunnerConfig,
} from '../../lib/runtime/local-runner-protocol.ts';
import { createLocalRunnerEndpoint, type LocalRunnerEndpoint } from './endpoint.ts';
import { closeSession, openSession, type RunnerSession } from './session.ts';

interface Session extends RunnerSession {
  endpoint?: LocalRunnerEndpoint;
}

// Kept on globalThis so a config restart (astro re-runs the integrations) keeps the token pages already have.
const SESSION_KEY = Symbol.for('async-lab.local-runner.session');

export default function localRunner(): AstroIntegration {
  let root = '';
  return {
    name: 'async-lab-local-runner',
    hooks: {
      'astro:config:setup'({ command, config, injectScript, updateConfig, logger }) {
        if (command !== 'dev') return;
        root = fileURLToPath(config.root);
        const session = getSession(logger);
        const pageConfig: LocalRunnerConfig = {
          endpoint: config.base.replace(/\/$/, '') + LOCAL_RUNNER_ENDPOINT,
          token: session.token,
        };
        injectScript(
          'head-inline',
          `globalThis[${JSON.stringify(LOCAL_RUNNER_GLOBAL)}]=${JSON.stringify(pageConfig)};`,
        );
        // Vite answers any http://localhost:* page with CORS headers by default, which lets such a page read
        // ours, token included. Nothing here is meant for other origins.
        updateConfig({ vite: { server: { cors: false } } });
      },
      async 'astro:server:setup'({ server, logger }) {
        if (!root) return;
        const session = getSession(logger);
        session.endpoint ??= createLocalRunnerEndpoint({
          endpoint: LOCAL_RUNNER_ENDPOINT,
          token: session.token,
          examplesDir: join(root, 'examples'),
          nodeModulesDir: join(root, 'node_modules'),
          sessionDir: session.dir,
          log: logger,
        });
        const endpoint = session.endpoint;
        server.middlewares.use((req, res, next) => endpoint.handle(req, res, next));
        logger.info(`local runner at ${LOCAL_RUNNER_ENDPOINT} (loopback only, token on the pages)`);
        logger.warn('code typed in the pages runs on this machine with your user’s rights (npm start only)');
      },
      async 'astro:server:done'() {
        const session = (globalThis as { [SESSION_KEY]?: Session })[SESSION_KEY];
        await session?.endpoint?.stopAll();
      },
    },
  };
}

function getSession(logger: AstroIntegrationLogger): Session {
  const scope = globalThis as { [SESSION_KEY]?: Session };
  if (scope[SESSION_KEY]) return scope[SESSION_KEY];
  const session: Session = openSession(logger);
  scope[SESSION_KEY] = session;
  // Whatever way the dev server ends, its runs end with it (with anything they started) and their copies go.
  // A dev server killed outright (SIGKILL) cannot do this; the next one does it at start-up (openSession).
  const close = () => {
    session.endpoint?.killAllNow();
    closeSession(session, logger);
  };
  process.once('exit', close);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      close();
      // Re-raise so the default (or Astro's own) handling still ends the process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  return session;
}
