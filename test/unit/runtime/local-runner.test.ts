// The local runner client against the real endpoint on a loopback HTTP server: real processes, real temp copies.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalRunnerEndpoint,
  type LocalRunnerEndpoint,
} from '../../../src/integrations/local-runner/endpoint.ts';
import { LocalRunner } from '../../../src/lib/runtime/local-runner.ts';
import { LOCAL_RUNNER_ENDPOINT } from '../../../src/lib/runtime/local-runner-protocol.ts';
import type { RunEvent, RunRequest } from '../../../src/lib/runtime/runner.ts';
import { TRACE_MARKER } from '../../../src/lib/runtime/trace-lines.ts';

const repo = resolve(import.meta.dirname, '../../..');
const token = 'test-token-0123456789';
let server: Server;
let endpoint: LocalRunnerEndpoint;
let baseUrl: string;
let sessionDir: string;

beforeAll(async () => {
  sessionDir = mkdtempSync(join(tmpdir(), 'async-lab-local-runner-test-'));
  endpoint = createLocalRunnerEndpoint({
    endpoint: LOCAL_RUNNER_ENDPOINT,
    token,
    examplesDir: join(repo, 'examples'),
    nodeModulesDir: join(repo, 'node_modules'),
    sessionDir,
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

// A failed test must not leave its run going (and its folder behind) for the next one.
afterEach(() => endpoint.stopAll());

afterAll(async () => {
  await endpoint?.stopAll();
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  rmSync(sessionDir, { recursive: true, force: true });
});

function runner(tokenOverride = token): LocalRunner {
  return new LocalRunner({ config: { endpoint: LOCAL_RUNNER_ENDPOINT, token: tokenOverride }, baseUrl });
}

/** Runs to the end and returns the events, with output merged into one string. */
async function runToEnd(request: RunRequest, local = runner()) {
  const events: RunEvent[] = [];
  const exit = await local.run(request, (event) => events.push(event), new AbortController().signal);
  const output = events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('');
  return { exit, events, output, traces: events.flatMap((e) => (e.type === 'trace' ? [e.event] : [])) };
}

/** Running, not a zombie waiting for a parent (in a container, pid 1 may be slow to reap orphans). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const nodeScript = (code: string): RunRequest => ({
  example: '00-hello-ts',
  files: { 'src/scratch.ts': code },
  command: ['node', 'src/scratch.ts'],
});

describe('local runner', () => {
  it('runs an example as it is in examples/', async () => {
    const { exit, output, events } = await runToEnd({
      example: '00-hello-ts',
      files: {},
      command: ['node', 'src/main.ts'],
    });
    expect(output).toContain('你好，小明！');
    expect(output).toMatch(/Node v\d+\.\d+\.\d+ ran this \.ts file directly\./);
    expect(exit).toMatchObject({ code: 0, reason: 'exited' });
    expect(events.at(-1)).toEqual({ type: 'exit', exit });
  });

  it('runs the reader’s edits, and the workspace packages (@async-lab/memory-redis) resolve', async () => {
    const { output, exit } = await runToEnd({
      example: '00-hello-ts',
      files: {
        'src/main.ts': [
          "import { createConnection } from '@async-lab/memory-redis';",
          "import { greet } from './greet.ts';",
          'const redis = createConnection();',
          "await redis.set('who', 'Grace');",
          "console.log(greet({ name: (await redis.get('who'))!, locale: 'en' }));",
          'await redis.quit();',
        ].join('\n'),
      },
      command: ['node', 'src/main.ts'],
    });
    expect(output).toContain('Hello, Grace!');
    expect(exit.code).toBe(0);
  });

  it('leaves examples/ untouched by the edits', async () => {
    const { output, exit } = await runToEnd({ example: '00-hello-ts', files: {}, command: ['node', 'src/main.ts'] });
    expect(output, JSON.stringify(exit)).toContain('Hello, Ada!');
  });

  it('turns trace lines into trace events and keeps them out of the output', async () => {
    const { output, traces } = await runToEnd(
      nodeScript(
        `console.log('one');\nprocess.stdout.write(${JSON.stringify(TRACE_MARKER)} + JSON.stringify({ kind: 'job', id: 7 }) + '\\n');\nconsole.log('two');`,
      ),
    );
    expect(traces).toEqual([{ kind: 'job', id: 7 }]);
    expect(output).not.toContain('ASYNC_LAB_TRACE');
    expect(output).toMatch(/one[\s\S]*two/);
  });

  it('runs a BullMQ example traced by its environment: real output, trace events in order', async () => {
    const { output, traces, exit } = await runToEnd({
      example: '05-queue-basics',
      files: {},
      command: ['node', 'src/add-demo.ts'],
      env: { ASYNC_LAB_TRACE: '1', REDIS_URL: '' },
    });
    expect(exit).toMatchObject({ code: 0, reason: 'exited' });
    expect(output).toContain('add(2, 3) = 5');
    expect(output).not.toContain('ASYNC_LAB_TRACE');
    const types = traces.map((event) => (event as { type: string }).type);
    expect(types[0]).toBe('added');
    expect(types).toContain('completed');
  });

  it('runs the exercise checker: it fails on the starter and passes with the solution written over it', async () => {
    const check = { example: '01-async-await', command: ['node', '../course-tools/src/check-exercise.ts'] };
    const starter = await runToEnd({ ...check, files: {}, timeoutMs: 120_000 });
    expect(starter.exit).toMatchObject({ code: 1, reason: 'exited' });
    expect(starter.output).toMatch(/checks? fail/);
    const solution = readFileSync(join(repo, 'examples/01-async-await/exercise/solution/load-dashboard.ts'), 'utf8');
    const solved = await runToEnd({
      ...check,
      files: { 'exercise/starter/load-dashboard.ts': solution },
      timeoutMs: 120_000,
    });
    expect(solved.exit, solved.output).toMatchObject({ code: 0, reason: 'exited' });
  }, 240_000);

  it('reports a thrown error with its stack and exit code, stderr merged into the output', async () => {
    const { output, exit } = await runToEnd(nodeScript("console.error('about to fail');\nthrow new Error('boom');"));
    expect(output).toContain('about to fail');
    expect(output).toContain('Error: boom');
    expect(output).toMatch(/scratch\.ts:2/);
    expect(exit).toMatchObject({ code: 1, reason: 'exited' });
  });

  it('stops an infinite loop, with the processes it started, and removes the temp copy', async () => {
    const local = runner();
    const events: RunEvent[] = [];
    const stop = new AbortController();
    const running = local.run(
      nodeScript(
        [
          "import { spawn } from 'node:child_process';",
          "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
          'console.log(`pids ${process.pid} ${child.pid}`);',
          'setTimeout(() => { for (;;) {} }, 50);',
        ].join('\n'),
      ),
      (event) => events.push(event),
      stop.signal,
    );
    await expect
      .poll(() => events.some((e) => e.type === 'output' && e.text.includes('pids')), { timeout: 20_000 })
      .toBe(true);
    const pids = /pids (\d+) (\d+)/
      .exec(events.map((e) => (e.type === 'output' ? e.text : '')).join(''))!
      .slice(1)
      .map(Number);
    stop.abort();
    const exit = await running;
    expect(exit).toMatchObject({ code: null, reason: 'stopped' });
    expect(pids.map(isAlive)).toEqual([false, false]);
    expect(readdirSync(sessionDir)).toEqual([]);
  });

  it('ends a forgotten run at the timeout, with a notice naming the timeout the run asked for', async () => {
    const { exit } = await runToEnd({ ...nodeScript('setInterval(() => {}, 1000);'), timeoutMs: 1_500 });
    expect(exit).toMatchObject({ reason: 'timeout', notice: { code: 'timed-out', params: { seconds: 2 } } });
  });

  it('an already aborted signal starts nothing', async () => {
    const events: RunEvent[] = [];
    const exit = await runner().run(nodeScript('console.log(1)'), (e) => events.push(e), AbortSignal.abort());
    expect(exit).toMatchObject({ reason: 'stopped' });
    expect(events).toEqual([{ type: 'exit', exit }]);
  });

  it('Stop pressed while the endpoint is still preparing the run ends it', async () => {
    const stop = new AbortController();
    const events: RunEvent[] = [];
    const running = runner().run(
      nodeScript('console.log(`pid ${process.pid}`); setInterval(() => {}, 1000);'),
      (e) => events.push(e),
      stop.signal,
    );
    stop.abort();
    expect(await running).toMatchObject({ reason: 'stopped' });
    await expect.poll(() => readdirSync(sessionDir), { timeout: 15_000 }).toEqual([]);
  });

  it('kills the run when the page goes away (the connection closes)', async () => {
    const controller = new AbortController();
    const response = await fetch(baseUrl + LOCAL_RUNNER_ENDPOINT + '/run', {
      method: 'POST',
      headers: { 'x-async-lab-runner-token': token },
      body: JSON.stringify(nodeScript('console.log(`pid ${process.pid}`); setInterval(() => {}, 1000);')),
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!/pid (\d+)/.test(text)) text += (await reader.read()).value ?? '';
    const pid = Number(/pid (\d+)/.exec(text)![1]);
    controller.abort();
    await expect.poll(() => isAlive(pid), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => readdirSync(sessionDir), { timeout: 15_000 }).toEqual([]);
  });

  it('refuses requests without the session token (HTTP 403) and says what to do', async () => {
    const response = await fetch(baseUrl + LOCAL_RUNNER_ENDPOINT + '/run', { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    const { exit } = await runToEnd(nodeScript('console.log(1)'), runner('wrong-token'));
    expect(exit).toMatchObject({ reason: 'crashed', code: null, notice: { code: 'local-token-outdated' } });
  });

  it('refuses requests from another origin', async () => {
    const response = await fetch(baseUrl + LOCAL_RUNNER_ENDPOINT + '/run', {
      method: 'POST',
      headers: { 'x-async-lab-runner-token': token, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('explains bad requests with codes: unknown example, a path outside the example, a command it does not start', async () => {
    const unknown = await runToEnd({ example: 'nope', files: {}, command: ['node', 'x.ts'] });
    expect(unknown.exit.notice).toEqual({ code: 'local-unknown-example', params: { example: 'nope' } });
    const escape = await runToEnd({ example: '00-hello-ts', files: { '../../x.ts': '' }, command: ['node', 'x'] });
    expect(escape.exit.notice).toEqual({ code: 'local-bad-path', params: { path: '../../x.ts' } });
    const shell = await runToEnd({ example: '00-hello-ts', files: {}, command: ['bash', '-c', 'id'] });
    expect(shell.exit.notice).toEqual({
      code: 'local-command-refused',
      params: { command: 'bash', allowed: 'node, npm, npx' },
    });
  });

  it('batches a flood of output into few events and loses none of it', async () => {
    const { events, output, exit } = await runToEnd(
      nodeScript("for (let i = 0; i < 300000; i++) console.log('line ' + i);"),
    );
    expect(exit.code).toBe(0);
    const outputs = events.filter((e) => e.type === 'output').length;
    expect(outputs).toBeLessThan(2000);
    expect(output).toContain('line 299999');
    // ~3.5 MB printed, all of it delivered: the page's output buffer decides what it keeps.
    expect(output).toContain('line 0\nline 1\n');
  });

  it('says plainly that it is unavailable outside the dev server', async () => {
    const local = new LocalRunner({ config: undefined });
    await expect(local.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      kind: 'local',
      notice: { code: 'local-only-in-dev' },
    });
  });
});
