// The local runner endpoint under abuse, over real HTTP with real processes: runs whose children leave the
// process group or hold the output pipe, requests from other sites, environments that change what runs, and a
// run folder that cannot be removed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalRunnerEndpoint,
  type LocalRunnerEndpoint,
} from '../../../src/integrations/local-runner/endpoint.ts';
import { LOCAL_RUNNER_ENDPOINT, TOKEN_HEADER, type WireEvent } from '../../../src/lib/runtime/local-runner-protocol.ts';
import type { RunExit, RunRequest } from '../../../src/lib/runtime/runner.ts';
import { isAlive, killAll, processesWith } from '../../support/processes.ts';

const repo = resolve(import.meta.dirname, '../../..');
const token = 'endpoint-test-token-0123456789';
const warnings: string[] = [];
let server: Server;
let endpoint: LocalRunnerEndpoint;
let baseUrl: string;
let sessionDir: string;

beforeAll(async () => {
  sessionDir = mkdtempSync(join(tmpdir(), 'async-lab-endpoint-test-'));
  endpoint = createLocalRunnerEndpoint({
    endpoint: LOCAL_RUNNER_ENDPOINT,
    token,
    examplesDir: join(repo, 'examples'),
    nodeModulesDir: join(repo, 'node_modules'),
    sessionDir,
    log: { warn: (message) => warnings.push(message) },
  });
  server = createServer((req, res) =>
    endpoint.handle(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterEach(() => endpoint.stopAll());

afterAll(async () => {
  await endpoint?.stopAll();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  rmSync(sessionDir, { recursive: true, force: true });
});

/** A unique argument, so a test finds its own processes by their command line. */
const unique = () => `${4000 + Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e6)}`;

const script = (lines: string[], timeoutMs?: number): RunRequest => ({
  example: '00-hello-ts',
  files: { 'src/scratch.ts': lines.join('\n') },
  command: ['node', 'src/scratch.ts'],
  ...(timeoutMs ? { timeoutMs } : {}),
});

function post(action: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${LOCAL_RUNNER_ENDPOINT}/${action}`, {
    method: 'POST',
    headers: { [TOKEN_HEADER]: token, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

interface OpenRun {
  runId: string;
  output(): string;
  /** Resolves with the exit event, or with undefined if the stream ended without one. */
  exit: Promise<RunExit | undefined>;
}

/** Starts a run and follows its NDJSON stream. */
async function open(request: RunRequest): Promise<OpenRun> {
  const response = await post('run', request);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const lines = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let output = '';
  const events: WireEvent[] = [];
  const next = async (): Promise<WireEvent | undefined> => {
    for (;;) {
      const newline = buffered.indexOf('\n');
      if (newline !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const event = JSON.parse(line) as WireEvent;
        events.push(event);
        if (event.type === 'output') output += event.text;
        return event;
      }
      const { value, done } = await lines.read();
      if (done) return undefined;
      buffered += value;
    }
  };
  const start = await next();
  expect(start?.type).toBe('start');
  const exit = (async () => {
    for (let event = await next(); event; event = await next()) if (event.type === 'exit') return event.exit;
    return undefined;
  })();
  return { runId: (start as { runId: string }).runId, output: () => output, exit };
}

const outputOf = async (run: OpenRun, pattern: RegExp) => {
  await expect.poll(run.output, { timeout: 30_000 }).toMatch(pattern);
  return pattern.exec(run.output())!;
};

/**
 * A child in a new session (setsid) that holds the run's output pipe: the process group misses it. Unless
 * `unref`, Node waits for it, so the run lives on until its timeout or Stop (which used to wait for the pipe).
 */
const sessionLeaver = (arg: string, { unref = false } = {}) => [
  "import { spawn } from 'node:child_process';",
  `const child = spawn('setsid', ['sleep', '${arg}'], { stdio: ['ignore', 'inherit', 'inherit'] });`,
  unref ? 'child.unref();' : '',
  "console.log('started');",
];

describe('a run ends when its process ends, whatever it left holding the output', () => {
  it('exits on its own while a child in a new session holds the pipe: exit arrives, the child is gone', async () => {
    const arg = unique();
    const run = await open(script([...sessionLeaver(arg, { unref: true }), 'setTimeout(() => {}, 300);']));
    await outputOf(run, /started/);
    expect(await run.exit).toMatchObject({ code: 0, reason: 'exited' });
    await expect.poll(() => processesWith(`sleep ${arg}`), { timeout: 10_000 }).toEqual([]);
    expect(readdirSync(sessionDir)).toEqual([]);
  });

  it('ends at its timeout', async () => {
    const arg = unique();
    // Long enough for the child to start on a busy machine, which the output shows before the timeout.
    const run = await open(script(sessionLeaver(arg), 10_000));
    expect(await run.exit).toMatchObject({ code: null, reason: 'timeout' });
    expect(run.output()).toContain('started');
    await expect.poll(() => processesWith(`sleep ${arg}`), { timeout: 10_000 }).toEqual([]);
  });

  it('Stop answers and ends it', async () => {
    const arg = unique();
    const run = await open(script(sessionLeaver(arg)));
    await outputOf(run, /started/);
    const stop = await post('stop', { runId: run.runId });
    expect(await stop.json()).toMatchObject({ stopped: true, exit: { reason: 'stopped' } });
    expect(await run.exit).toMatchObject({ reason: 'stopped' });
    await expect.poll(() => processesWith(`sleep ${arg}`), { timeout: 10_000 }).toEqual([]);
  });

  it('frees its slot: more such runs than the endpoint runs at once, then a plain run, all answer', async () => {
    for (let i = 0; i < 5; i++) {
      // Every other one exits on its own; the rest live until their timeout.
      const exitsItself = i % 2 === 0;
      const run = await open(script(sessionLeaver(unique(), { unref: exitsItself }), exitsItself ? undefined : 1_000));
      expect(await run.exit).toMatchObject({ reason: exitsItself ? 'exited' : 'timeout' });
    }
    const last = await open(script(["console.log('still here');"]));
    expect(await last.exit).toMatchObject({ code: 0, reason: 'exited' });
    expect(last.output()).toContain('still here');
  });

  it('ends even when the pipe is held by a process no marker finds (it cleared its environment)', async () => {
    const arg = unique();
    try {
      const run = await open(
        script([
          "import { spawn } from 'node:child_process';",
          `spawn('setsid', ['env', '-i', 'sleep', '${arg}'], { stdio: ['ignore', 'inherit', 'inherit'] }).unref();`,
          "console.log('started');",
          'setTimeout(() => {}, 300);',
        ]),
      );
      expect(await run.exit).toMatchObject({ code: 0, reason: 'exited' });
      expect(run.output()).toContain('started');
    } finally {
      killAll(processesWith(`sleep ${arg}`));
    }
  });
});

describe('what a run started ends with it, even outside its process group', () => {
  const detachedChild = (arg: string) => [
    "import { spawn } from 'node:child_process';",
    `const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${arg}'], { detached: true, stdio: 'ignore' });`,
    'child.unref();',
    'console.log(`child ${child.pid}`);',
  ];

  it('when the run exits on its own', async () => {
    const arg = unique();
    const run = await open(script([...detachedChild(arg), 'setTimeout(() => {}, 200);']));
    const pid = Number((await outputOf(run, /child (\d+)/))[1]);
    expect(await run.exit).toMatchObject({ code: 0, reason: 'exited' });
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  });

  it('on Stop', async () => {
    const arg = unique();
    const run = await open(script([...detachedChild(arg), 'setInterval(() => {}, 1000);']));
    const pid = Number((await outputOf(run, /child (\d+)/))[1]);
    await post('stop', { runId: run.runId });
    expect(await run.exit).toMatchObject({ reason: 'stopped' });
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  });

  it('at the timeout', async () => {
    const arg = unique();
    const run = await open(script([...detachedChild(arg), 'setInterval(() => {}, 1000);'], 10_000));
    const pid = Number((await outputOf(run, /child (\d+)/))[1]);
    expect(await run.exit).toMatchObject({ reason: 'timeout' });
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  });

  it('grandchildren too, and not the runs beside it', async () => {
    const arg = unique();
    const neighbour = await open(script(['console.log(`pid ${process.pid}`);', 'setInterval(() => {}, 1000);']));
    const neighbourPid = Number((await outputOf(neighbour, /pid (\d+)/))[1]);
    // The child starts a grandchild (both in sessions of their own) and writes its pid; the run ends once it has.
    const run = await open(
      script([
        "import { spawn } from 'node:child_process';",
        "import { existsSync, readFileSync } from 'node:fs';",
        `const inner = "const g = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${arg}'], { detached: true, stdio: 'ignore' }); g.unref(); require('fs').writeFileSync('grandchild', String(g.pid))";`,
        "spawn(process.execPath, ['-e', inner], { detached: true, stdio: 'ignore' }).unref();",
        "const wait = setInterval(() => { if (existsSync('grandchild')) { console.log(`grandchild ${readFileSync('grandchild', 'utf8')}`); clearInterval(wait); } }, 50);",
      ]),
    );
    const grandchild = Number((await outputOf(run, /grandchild (\d+)/))[1]);
    expect(await run.exit).toMatchObject({ code: 0, reason: 'exited' });
    await expect.poll(() => isAlive(grandchild), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => processesWith(arg), { timeout: 10_000 }).toEqual([]);
    expect(isAlive(neighbourPid)).toBe(true);
    await post('stop', { runId: neighbour.runId });
  });
});

describe('who may ask, and what they may set', () => {
  it('refuses requests a browser says came from another site, or from no page at all', async () => {
    for (const site of ['cross-site', 'same-site', 'none']) {
      const response = await post('run', script(["console.log('x')"]), { 'sec-fetch-site': site });
      expect(response.status, site).toBe(403);
      expect(await response.json()).toEqual({ notice: { code: 'local-forbidden', params: {} } });
    }
    const run = await post('run', script(["console.log('same origin')"]), { 'sec-fetch-site': 'same-origin' });
    expect(run.status).toBe(200);
    expect(await run.text()).toContain('same origin');
  });

  it('refuses environment names that change what runs; takes the ones the playground sends', async () => {
    for (const name of ['PATH', 'NODE_OPTIONS', 'LD_PRELOAD', 'ASYNC_LAB_RUN', 'HOME']) {
      const response = await post('run', { ...script(["console.log('x')"]), env: { [name]: 'x' } });
      expect(response.status, name).toBe(400);
      expect(await response.json()).toEqual({
        notice: { code: 'local-env-refused', params: { name, allowed: 'ASYNC_LAB_TRACE, REDIS_URL' } },
      });
    }
    const run = await open({
      ...script(['console.log(`trace=${process.env.ASYNC_LAB_TRACE} redis=${process.env.REDIS_URL}`);']),
      env: { ASYNC_LAB_TRACE: '1', REDIS_URL: '' },
    });
    expect(await run.exit).toMatchObject({ code: 0 });
    expect(run.output()).toContain('trace=1 redis=');
  });
});

describe('what the endpoint says', () => {
  it('speaks in codes with parameters, never in sentences: the timeout, a full house, a bad request', async () => {
    const timedOut = await open(script(['setInterval(() => {}, 1000);'], 1_000));
    expect(await timedOut.exit).toMatchObject({
      reason: 'timeout',
      notice: { code: 'timed-out', params: { seconds: 1 } },
    });

    const busy = await Promise.all([0, 1, 2, 3].map(() => open(script(['setInterval(() => {}, 1000);']))));
    const refused = await post('run', script(["console.log('one too many')"]));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ notice: { code: 'local-busy', params: { max: 4 } } });
    for (const run of busy) await post('stop', { runId: run.runId });

    const malformed = await post('run', { example: '00-hello-ts', command: 'node src/main.ts' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ notice: { code: 'local-bad-request', params: { field: 'command' } } });
  });
});

describe('clean-up', () => {
  it('reports a run folder it could not remove, instead of leaving it silently', async (context) => {
    // A file the run's copy cannot lose: read-only folder for a user, immutable file for root.
    const root = process.getuid?.() === 0;
    const run = await open(
      script([
        "import { execFileSync } from 'node:child_process';",
        "import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';",
        "mkdirSync('locked'); writeFileSync('locked/file', 'x');",
        root ? "execFileSync('chattr', ['+i', 'locked/file']);" : "chmodSync('locked', 0o500);",
        'console.log(`cwd ${process.cwd()}`);',
      ]),
    );
    const exit = await run.exit;
    const cwd = /cwd (\S+)/.exec(run.output())?.[1];
    if (root && exit?.code !== 0) {
      context.skip(`chattr is not available on this file system: ${run.output()}`);
    }
    try {
      expect(exit).toMatchObject({ code: 0 });
      expect(warnings.join('\n')).toMatch(/could not remove the run folder/);
      expect(warnings.join('\n')).toContain(run.runId);
    } finally {
      if (cwd) {
        if (root) execFileSync('chattr', ['-i', join(cwd, 'locked/file')]);
        else execFileSync('chmod', ['700', join(cwd, 'locked')]);
      }
      rmSync(join(sessionDir, run.runId), { recursive: true, force: true });
    }
  });
});
