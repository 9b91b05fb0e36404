// A shell environment as on a machine whose Node is 20 (Debian 13's): `node` on the PATH is an official Node 20
// build (from the npm registry, cached by node-binaries.ts), `npm` is this machine's. For the tests of what a
// reader does on a fresh machine: install, start, check, with the project bringing its own current Node.
import { dirname } from 'node:path';
import { isCI } from '../../examples/tools/ci.ts';
import { nodeBinary } from './node-binaries.ts';

export const OLD_NODE_VERSION = '20.20.2';

/** The environment, or why there is none here (a loud skip; on CI a failure). */
export function oldNodeEnv(): { env: NodeJS.ProcessEnv } | { missing: string } {
  const binary = nodeBinary(OLD_NODE_VERSION);
  if ('missing' in binary) {
    const message = `Node ${OLD_NODE_VERSION} is not available, so a machine with an old Node is NOT tested: ${binary.missing}`;
    if (isCI()) throw new Error(`${message}\nCI=${process.env.CI}, so a skip is a failure.`);
    console.warn(`\n${'!'.repeat(80)}\n${message}\n${'!'.repeat(80)}`);
    return { missing: message };
  }
  // The package's bin folder holds `node` alone, so npm and the rest still come from this machine's PATH.
  return { env: cleanEnv({ PATH: `${dirname(binary.path)}:${process.env.PATH}` }) };
}

/** The environment a reader's shell has: without what npm and vitest put into this test run's. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  for (const key of Object.keys(env)) {
    const fromTestRun =
      /^(npm_|VITEST|ASYNC_LAB_)|^(INIT_CWD|NODE_OPTIONS|NODE_ENV|FORCE_COLOR|REDIS_URL|TEST|MODE|DEV|PROD|SSR|BASE_URL)$/;
    if (fromTestRun.test(key)) delete env[key];
  }
  return env;
}
