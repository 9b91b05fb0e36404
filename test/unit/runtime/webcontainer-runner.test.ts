// The WebContainer runner against the fake of @webcontainer/api (test/fakes/webcontainer.ts), with a snapshot
// made by the real @webcontainer/snapshot from a small examples tree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { snapshot } from '@webcontainer/snapshot';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BootProgress, RunEvent, RunRequest } from '../../../src/lib/runtime/runner.ts';
import { TRACE_MARKER } from '../../../src/lib/runtime/trace-lines.ts';
import {
  WebContainerRunner,
  isIOS,
  type BrowserCapabilities,
  type WebContainerRunnerOptions,
} from '../../../src/lib/runtime/webcontainer-runner.ts';
import { createFakeWebContainerApi, type FakeWebContainerOptions } from '../../fakes/webcontainer.ts';

const isolatedChrome: BrowserCapabilities = {
  crossOriginIsolated: true,
  sharedArrayBuffer: true,
  webAssembly: true,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
  maxTouchPoints: 0,
};

let snapshotBytes: Uint8Array;
let stripTypesBytes: Uint8Array;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'async-lab-wc-test-'));
  mkdirSync(join(root, 'examples/00-demo/src'), { recursive: true });
  mkdirSync(join(root, 'node_modules/left-pad'), { recursive: true });
  writeFileSync(join(root, 'examples/00-demo/src/main.ts'), "console.log('original');\n");
  writeFileSync(join(root, 'node_modules/left-pad/index.js'), 'module.exports = (s) => s;\n');
  snapshotBytes = new Uint8Array(await snapshot(root));
  rmSync(root, { recursive: true, force: true });
  const stripRoot = mkdtempSync(join(tmpdir(), 'async-lab-wc-strip-'));
  mkdirSync(join(stripRoot, '@async-lab/strip-types'), { recursive: true });
  writeFileSync(join(stripRoot, '@async-lab/strip-types/register.mjs'), "register('./hooks.mjs', import.meta.url);\n");
  stripTypesBytes = new Uint8Array(await snapshot(stripRoot));
  rmSync(stripRoot, { recursive: true, force: true });
});

/** `node src/main.ts` in the fake prints the file it would run, so tests see which contents were used. */
const printMain: FakeWebContainerOptions['programs'] = {
  'node src/main.ts': (p) => {
    p.write(`running: ${p.readFile('src/main.ts')?.trim()}\r\n`);
    return 0;
  },
  'node src/forever.ts': async (p) => {
    p.write('working…\r\n');
    await new Promise(() => {}); // never exits on its own; kill() settles `exit` in the fake
    return 0;
  },
};

function setup(fakeOptions: FakeWebContainerOptions = {}, runnerOptions: WebContainerRunnerOptions = {}) {
  const api = createFakeWebContainerApi({ programs: printMain, ...fakeOptions });
  const fetches: string[] = [];
  const scope = {};
  const make = (extra: WebContainerRunnerOptions = {}) =>
    new WebContainerRunner({
      loadApi: async () => api,
      fetch: async (input) => {
        fetches.push(String(input));
        return new Response(snapshotBytes.slice(), {
          headers: { 'content-length': String(snapshotBytes.byteLength) },
        });
      },
      capabilities: isolatedChrome,
      scope,
      ...runnerOptions,
      ...extra,
    });
  return { api, fetches, make, runner: make() };
}

async function runToEnd(runner: WebContainerRunner, request: RunRequest) {
  const events: RunEvent[] = [];
  const exit = await runner.run(request, (event) => events.push(event), new AbortController().signal);
  return { exit, events, output: events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('') };
}

/** Starts a run and hands back its Stop (an abort) and its exit, once the process has started. */
async function start(runner: WebContainerRunner, request: RunRequest, api: FakeApi, events: RunEvent[] = []) {
  const controller = new AbortController();
  const spawned = api.spawns.length;
  const exit = runner.run(request, (event) => events.push(event), controller.signal);
  await vi.waitFor(() => expect(api.running()).toBeGreaterThan(0), { timeout: 10_000 });
  expect(api.spawns.length).toBeGreaterThan(spawned);
  return { stop: () => controller.abort(), exit, events };
}

type FakeApi = ReturnType<typeof createFakeWebContainerApi>;

const main: RunRequest = { example: '00-demo', files: {}, command: ['node', 'src/main.ts'] };
const forever: RunRequest = { example: '00-demo', files: {}, command: ['node', 'src/forever.ts'] };

describe('WebContainer runner', () => {
  it('boots once, mounts the snapshot once, and reports progress', async () => {
    const { api, fetches, make, runner } = setup();
    const progress: BootProgress[] = [];
    await runner.boot({ onProgress: (p) => progress.push(p) });
    await make().boot();
    await runToEnd(make(), main);
    expect(api.boots).toBe(1);
    expect(api.mounts).toEqual([snapshotBytes.byteLength]);
    expect(fetches).toEqual(['/webcontainer/examples.bin']);
    expect(progress.map((p) => p.notice)).toEqual(
      expect.arrayContaining([
        { code: 'starting', params: {} },
        { code: 'download-progress-of', params: { received: '0.0', total: '0.0' } },
        { code: 'unpacking', params: {} },
        { code: 'ready', params: {} },
      ]),
    );
    expect(api.files.get('node_modules/left-pad/index.js')).toContain('module.exports');
  });

  it('inflates a gzip-compressed snapshot (as the built site ships it)', async () => {
    const compressed = new Uint8Array(gzipSync(snapshotBytes));
    const { api, runner } = setup({}, { fetch: async () => new Response(compressed.slice()) });
    const { output } = await runToEnd(runner, main);
    expect(api.mounts).toEqual([snapshotBytes.byteLength]);
    expect(output).toContain("running: console.log('original');");
  });

  it('keeps one WebContainer per page when the module is evaluated again (HMR)', async () => {
    const api = createFakeWebContainerApi({ programs: printMain });
    const options = {
      loadApi: async () => api,
      fetch: async () => new Response(snapshotBytes.slice()),
      capabilities: isolatedChrome,
    };
    try {
      const first = await import('../../../src/lib/runtime/webcontainer-runner.ts');
      await new first.WebContainerRunner(options).boot();
      vi.resetModules();
      const second = await import('../../../src/lib/runtime/webcontainer-runner.ts');
      expect(second.WebContainerRunner).not.toBe(first.WebContainerRunner);
      await new second.WebContainerRunner(options).boot();
      expect(api.boots).toBe(1);
      expect(api.mounts).toHaveLength(1);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('async-lab.webcontainer')];
    }
  });

  it('writes the edits, runs the command in the example folder, streams output and trace events', async () => {
    const { api, runner } = setup({
      programs: {
        'node src/main.ts': (p) => {
          p.write(`running: ${p.readFile('src/main.ts')?.trim()}\r\n`);
          p.write(`${TRACE_MARKER}{"kind":"job:added","id":"1"}\r\n`);
          p.write('done\r\n');
          return 0;
        },
      },
    });
    const { exit, events, output } = await runToEnd(runner, {
      ...main,
      files: { 'src/main.ts': "console.log('edited');" },
      env: { GREETING: 'hi' },
    });
    expect(output).toBe("running: console.log('edited');\r\ndone\r\n");
    expect(events.filter((e) => e.type === 'trace')).toEqual([
      { type: 'trace', event: { kind: 'job:added', id: '1' } },
    ]);
    expect(exit).toMatchObject({ code: 0, reason: 'exited' });
    expect(events.at(-1)).toEqual({ type: 'exit', exit });
    const spawn = api.spawns.find((s) => s.args[0] === 'src/main.ts')!;
    expect(spawn.options.cwd).toBe('examples/00-demo');
    expect(spawn.options.env).toMatchObject({ GREETING: 'hi', FORCE_COLOR: '1' });
  });

  it('puts the original files back before the next run', async () => {
    const { api, runner } = setup();
    await runToEnd(runner, { ...main, files: { 'src/main.ts': 'edited', 'src/new-file.ts': 'x' } });
    const { output } = await runToEnd(runner, main);
    expect(output).toContain("running: console.log('original');");
    expect(api.files.has('examples/00-demo/src/new-file.ts')).toBe(false);
  });

  it('reports a failing process with its exit code', async () => {
    const { runner } = setup({
      programs: { 'node src/main.ts': (p) => (p.write('Error: boom\r\n    at src/main.ts:2:7\r\n'), 1) },
    });
    const { exit, output } = await runToEnd(runner, main);
    expect(output).toContain('Error: boom');
    expect(exit).toMatchObject({ code: 1, reason: 'exited' });
  });

  it('Stop (an abort) kills the process and ends the run, once', async () => {
    const { api, runner } = setup();
    const run = await start(runner, forever, api);
    run.stop();
    run.stop(); // safe twice
    expect(await run.exit).toMatchObject({ code: null, reason: 'stopped' });
    expect(api.kills).toBe(1);
    expect(api.running()).toBe(0);
    expect(run.events.filter((e) => e.type === 'exit')).toHaveLength(1);
    expect(run.events.at(-1)?.type).toBe('exit');
  });

  it('an already aborted signal starts nothing', async () => {
    const { api, runner } = setup();
    await runner.boot();
    const exit = await runner.run(forever, () => {}, AbortSignal.abort());
    expect(exit).toMatchObject({ code: null, reason: 'stopped' });
    expect(api.spawns.filter((s) => s.args[0] === 'src/forever.ts')).toHaveLength(0);
  });

  it('Stop does not hang when the killed process never reports its exit', async () => {
    const { api, runner } = setup({ exitOnKill: false }, { killGraceMs: 50 });
    const run = await start(runner, forever, api);
    run.stop();
    expect(await run.exit).toMatchObject({ code: null, reason: 'stopped' });
  });

  it('ends a forgotten run at the timeout, with a notice', async () => {
    const { api, runner } = setup();
    const { exit } = await runToEnd(runner, { ...forever, timeoutMs: 50 });
    expect(exit).toMatchObject({ reason: 'timeout', notice: { code: 'timed-out', params: { seconds: 0 } } });
    expect(api.kills).toBe(1);
  });

  it('a WebContainer error ends the current run with a notice instead of leaving it hanging', async () => {
    const { api, runner } = setup({ exitOnKill: false });
    const run = await start(runner, forever, api);
    api.emitError('Out of memory');
    expect(await run.exit).toMatchObject({
      reason: 'crashed',
      notice: { code: 'container-failed', params: { error: 'Out of memory' } },
    });
  });

  it('a boot failure becomes RunnerUnavailableError; run() ends with its notice; the next boot tries again', async () => {
    const { api, runner } = setup({ bootError: new Error('Unable to reach stackblitz') });
    await expect(runner.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      kind: 'webcontainer',
      notice: { code: 'boot-failed', params: { error: 'Unable to reach stackblitz' } },
    });
    const { exit, events } = await runToEnd(runner, main);
    expect(exit).toMatchObject({ reason: 'crashed', notice: { code: 'boot-failed' } });
    expect(events).toEqual([{ type: 'exit', exit }]);
    expect(api.boots).toBe(2); // nothing failed is kept: the run tried to boot again
  });

  it('gives up on a boot that never finishes (StackBlitz unreachable) instead of hanging', async () => {
    const { runner } = setup({ bootHangs: true }, { bootTimeoutMs: 50 });
    await expect(runner.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      notice: { code: 'boot-timeout' },
    });
  });

  it('a boot caller that aborts stops waiting; the boot goes on for the next caller', async () => {
    const { api, runner } = setup();
    const waiting = new AbortController();
    const first = runner.boot({ signal: waiting.signal });
    waiting.abort(new Error('the reader pressed Stop'));
    await expect(first).rejects.toThrow('the reader pressed Stop');
    await expect(runner.boot()).resolves.toBeUndefined();
    expect(api.boots).toBe(1);
  });

  it('says so when the page is not cross-origin isolated, without trying to boot', async () => {
    const { api, runner } = setup({}, { capabilities: { ...isolatedChrome, crossOriginIsolated: false } });
    await expect(runner.boot()).rejects.toMatchObject({ notice: { code: 'not-isolated' } });
    expect(api.boots).toBe(0);
  });

  it('does not start on iOS unless the reader asks', async () => {
    const iPhone = { ...isolatedChrome, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' };
    const declined = setup({}, { capabilities: iPhone });
    await expect(declined.runner.boot()).rejects.toMatchObject({
      notice: { code: 'ios' },
      override: 'allow-ios', // the UI offers "Run anyway"
    });
    expect(declined.api.boots).toBe(0);
    const asked = setup({}, { capabilities: iPhone, allowIOS: true });
    await expect(asked.runner.boot()).resolves.toBeUndefined();
  });

  it('knows an iPad that calls itself a Mac by its touch points, and offers no override elsewhere', async () => {
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/18.0 Safari/605.1.15';
    expect(isIOS({ ...isolatedChrome, userAgent: mac, maxTouchPoints: 5 })).toBe(true);
    expect(isIOS({ ...isolatedChrome, userAgent: mac, maxTouchPoints: 0 })).toBe(false);
    const { runner } = setup({}, { capabilities: { ...isolatedChrome, crossOriginIsolated: false } });
    await expect(runner.boot()).rejects.toMatchObject({ override: undefined });
  });

  it('gives up a snapshot download that stops sending, and lets the next Run try again', async () => {
    let attempts = 0;
    const { runner, make } = setup(
      {},
      {
        stallTimeoutMs: 50,
        fetch: async () => {
          attempts++;
          if (attempts > 1) return new Response(snapshotBytes.slice());
          // Sends the first bytes, then nothing, as a dead connection does.
          const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(snapshotBytes.slice(0, 10)) });
          return new Response(body);
        },
      },
    );
    await expect(runner.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      notice: { code: 'download-stalled', params: { url: '/webcontainer/examples.bin', seconds: 0 } },
    });
    await expect(make().boot()).resolves.toBeUndefined();
  });

  it('explains a missing snapshot', async () => {
    const { runner } = setup({}, { fetch: async () => new Response('Not found', { status: 404 }) });
    await expect(runner.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      notice: { code: 'download-http', params: { url: '/webcontainer/examples.bin', status: 404 } },
    });
  });

  it('turns on type stripping behind its flag when the container’s Node is 22.6–22.17, and not at all on 22.18+', async () => {
    const old = setup({ nodeVersion: 'v22.12.0' });
    await runToEnd(old.runner, main);
    expect(old.api.spawns.at(-1)!.options.env).toMatchObject({
      NODE_OPTIONS: '--experimental-strip-types --disable-warning=ExperimentalWarning',
    });
    expect(old.fetches).toEqual(['/webcontainer/examples.bin']);
    const current = setup({ nodeVersion: 'v22.22.0' });
    await runToEnd(current.runner, main);
    expect(current.api.spawns.at(-1)!.options.env).not.toHaveProperty('NODE_OPTIONS');
  });

  it('on Node 20 (the WebContainer default) mounts the strip-types snapshot and preloads its hook', async () => {
    const fetches: string[] = [];
    const { api, runner } = setup(
      { nodeVersion: 'v20.19.1' },
      {
        fetch: async (input) => {
          fetches.push(String(input));
          const bytes = String(input).endsWith('strip-types.bin') ? stripTypesBytes : snapshotBytes;
          return new Response(bytes.slice());
        },
      },
    );
    const progress: unknown[] = [];
    await runner.boot({ onProgress: (p) => progress.push(p.notice) });
    const { output } = await runToEnd(runner, main);
    expect(fetches).toEqual(['/webcontainer/examples.bin', '/webcontainer/strip-types.bin']);
    expect(api.files.get('node_modules/@async-lab/strip-types/register.mjs')).toContain('register(');
    expect(api.files.get('examples/00-demo/src/main.ts')).toBeDefined(); // the first mount is still there
    expect(api.spawns.at(-1)!.options.env).toMatchObject({ NODE_OPTIONS: '--import @async-lab/strip-types/register' });
    expect(progress).toContainEqual({ code: 'typescript-support', params: { version: 'v20.19.1' } });
    expect(output).toContain('running:');
  });

  it('says what is missing when the strip-types snapshot cannot be loaded, and a Node too old to help', async () => {
    const missing = setup(
      { nodeVersion: 'v20.19.1' },
      {
        fetch: async (input) =>
          String(input).endsWith('strip-types.bin')
            ? new Response('Not found', { status: 404 })
            : new Response(snapshotBytes.slice()),
      },
    );
    await expect(missing.runner.boot()).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      notice: { code: 'download-http', params: { url: '/webcontainer/strip-types.bin', status: 404 } },
    });
    const ancient = setup({ nodeVersion: 'v18.20.3' });
    await expect(ancient.runner.boot()).rejects.toMatchObject({
      notice: { code: 'node-too-old', params: { version: 'v18.20.3' } },
    });
  });

  it('reports a command that cannot start, and stays usable', async () => {
    const { runner } = setup();
    const missing = await runToEnd(runner, { ...main, command: ['python', 'x.py'] });
    expect(missing.exit.code).toBe(127);
    const escape = await runToEnd(runner, { ...main, files: { '../../etc/passwd': 'x' } });
    expect(escape.exit).toMatchObject({
      reason: 'crashed',
      notice: { code: 'spawn-failed', params: { error: expect.stringMatching(/not a path inside/) } },
    });
    expect((await runToEnd(runner, main)).exit.code).toBe(0);
  });

  it('runs Check like any command: the checker with the edited starter written first', async () => {
    const { api, runner } = setup({
      programs: {
        'node ../course-tools/src/check-exercise.ts': (p) => {
          p.write(`checking: ${p.readFile('exercise/starter/answer.ts')}\r\n`);
          return 1;
        },
      },
    });
    const { exit, output } = await runToEnd(runner, {
      ...main,
      files: { 'exercise/starter/answer.ts': 'export const answer = 41;' },
      command: ['node', '../course-tools/src/check-exercise.ts'],
    });
    expect(exit).toMatchObject({ code: 1, reason: 'exited' });
    expect(output).toContain('checking: export const answer = 41;');
    expect(api.spawns.at(-1)).toMatchObject({ command: 'node', options: { cwd: 'examples/00-demo' } });
  });
});

afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('async-lab.webcontainer')];
});
