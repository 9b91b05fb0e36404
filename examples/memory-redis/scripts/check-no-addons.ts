// WebContainer-like check: runs scripts/smoke.ts under Node 22 with native addons disabled
// (`node --no-addons`), proving nothing native (such as msgpackr's optional msgpackr-extract) is needed.
// Node 22 comes from the npm registry (package node@22) into a cache dir unless NODE22 points at one.
// Exit codes: 0 = passed or skipped (loudly, outside CI), 1 = failed (or Node 22 unavailable with CI=true).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCI } from '../../tools/ci.ts';

const NODE_VERSION = '22.23.3';
const smoke = fileURLToPath(new URL('./smoke.ts', import.meta.url));
const bar = '='.repeat(78);

function findNode22(): string {
  if (process.env.NODE22) return process.env.NODE22;
  const prefix = join(tmpdir(), `async-lab-node-${NODE_VERSION}`);
  const bin = join(prefix, 'node_modules', '.bin', 'node');
  if (!existsSync(bin)) {
    console.log(`check:no-addons: installing node@${NODE_VERSION} into ${prefix} (once) ...`);
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node@${NODE_VERSION}`],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v22.')) throw new Error(`${bin} is ${version}, not Node 22`);
  return bin;
}

let node22: string;
try {
  node22 = findNode22();
} catch (error) {
  const message = `Node 22 is not available (${(error as Error).message.split('\n')[0]}); set NODE22=/path/to/node22`;
  if (isCI()) {
    console.error(`${bar}\nFAIL check:no-addons: ${message}\n${bar}`);
    process.exit(1);
  }
  console.error(`${bar}\nSKIPPED check:no-addons: ${message}\n${bar}`);
  process.exit(0);
}

const env = { ...process.env };
delete env.REDIS_URL; // the point is the in-memory Redis
const child = spawn(
  node22,
  ['--no-addons', '--experimental-strip-types', '--disable-warning=ExperimentalWarning', smoke],
  {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
// The smoke scenario takes about a second; a process still alive after 60 s did not exit by itself.
const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
  child.once('exit', (c, s) => r([c, s])),
);
clearTimeout(timer);
process.stdout.write(output);
if (code === 0 && output.includes('smoke OK')) {
  console.log(`check:no-addons: PASSED (${node22} --no-addons)`);
} else {
  const why = signal ? 'did not exit by itself within 60 s (open handles?)' : `exited with code ${code}`;
  console.error(`${bar}\nFAIL check:no-addons: smoke scenario under Node 22 --no-addons ${why}\n${bar}`);
  process.exit(1);
}
