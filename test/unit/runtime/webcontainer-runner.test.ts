// The WebContainer runner against the fake of @webcontainer/api (test/fakes/webcontainer.ts: strict where the real
// API promises less), with a snapshot in the real format holding a small examples tree and its JavaScript twins,
// and the reader's edits stripped by amaro as the page's worker strips them.
import amaro from 'amaro';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gzipSync } from 'node:zlib';
import { encodeSnapshot } from '../../../src/integrations/webcontainer-snapshot/snapshot-builder.ts';
import type { BootProgress, RunEvent, RunRequest } from '../../../src/lib/runtime/runner.ts';
import { describeNotice } from '../../../src/lib/runtime/runtime-notices.ts';
import type { FrameEvent, HeadlessFrame } from '../../../src/lib/runtime/stackblitz-frame.ts';
import { stripToJsTwin, type AmaroTransform } from '../../../src/lib/runtime/strip-types.ts';
import { TRACE_MARKER } from '../../../src/lib/runtime/trace-lines.ts';
import type { TypeStripper } from '../../../src/lib/runtime/type-stripper.ts';
import {
  WebContainerRunner,
  isIOS,
  type BrowserCapabilities,
  type WebContainerRunnerOptions,
} from '../../../src/lib/runtime/webcontainer-runner.ts';
import { createFakeWebContainerApi, FAKE_WORKDIR, type FakeWebContainerOptions } from '../../fakes/webcontainer.ts';
import { translator } from '../../support/translations.ts';

const isolatedChrome: BrowserCapabilities = {
  crossOriginIsolated: true,
  sharedArrayBuffer: true,
  webAssembly: true,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
  maxTouchPoints: 0,
};

const transformSync = (amaro as { transformSync: AmaroTransform }).transformSync;
const MAIN_TS = "const who: string = 'original';\nconsole.log(who);\n";

let snapshotBytes: Uint8Array;
beforeAll(() => {
  const files = new Map<string, Uint8Array>();
  const text = (s: string) => new TextEncoder().encode(s);
  files.set('examples/00-demo/package.json', text('{"type":"module"}'));
  files.set('examples/00-demo/src/main.ts', text(MAIN_TS));
  files.set('examples/00-demo/src/main.js', text(stripToJsTwin(MAIN_TS, transformSync)));
  files.set('examples/02-http/package.json', text('{"type":"module","engines":{"node":">=20.0.0"}}'));
  files.set('examples/02-http/src/main.ts', text(MAIN_TS));
  files.set('examples/02-http/src/main.js', text(stripToJsTwin(MAIN_TS, transformSync)));
  files.set('node_modules/left-pad/index.js', text('module.exports = (s) => s;\n'));
  snapshotBytes = encodeSnapshot(files);
});

/** Strips in the test's process with amaro, as the page's worker does; counts what it was asked. */
function amaroStripper(): TypeStripper & { calls: string[][] } {
  const calls: string[][] = [];
  const strip = async (files: Record<string, string>) => {
    calls.push(Object.keys(files));
    return Object.fromEntries(Object.entries(files).map(([path, code]) => [path, stripToJsTwin(code, transformSync)]));
  };
  return Object.assign(strip, { calls });
}

/** `node src/main.ts` in the fake prints the twin it runs, so tests see which contents were used. */
const printMain: FakeWebContainerOptions['programs'] = {
  'node src/main.ts': (p) => {
    p.write(`running: ${p.readFile(p.args[0]!)?.trim()}\n`);
    return 0;
  },
  'node src/forever.ts': async (p) => {
    p.write('working…\n');
    await new Promise(() => {}); // never exits on its own
    return 0;
  },
};

function setup(fakeOptions: FakeWebContainerOptions = {}, runnerOptions: WebContainerRunnerOptions = {}) {
  const api = createFakeWebContainerApi({ programs: printMain, ...fakeOptions });
  const fetches: string[] = [];
  const scope = {};
  const stripper = amaroStripper();
  const make = (extra: WebContainerRunnerOptions = {}) =>
    new WebContainerRunner({
      loadApi: async () => api,
      fetch: async (input) => {
        fetches.push(String(input));
        return new Response(snapshotBytes.slice(), {
          headers: { 'content-length': String(snapshotBytes.byteLength) },
        });
      },
      watchFrame: null,
      stripTypes: stripper,
      killGraceMs: 50,
      capabilities: isolatedChrome,
      scope,
      ...runnerOptions,
      ...extra,
    });
  return { api, fetches, make, runner: make(), stripper };
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

/** A stand-in for the StackBlitz frame watcher: the test says what the frame does. */
function scriptedFrame() {
  const listeners = new Set<(event: FrameEvent) => void>();
  let initialised = false;
  const frame = {
    retries: 0,
    emit(event: FrameEvent) {
      if (event.type === 'initialised') initialised = true;
      listeners.forEach((listener) => listener(event));
    },
    onEvent(listener: (event: FrameEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retry() {
      frame.retries++;
    },
    get initialised() {
      return initialised;
    },
  } satisfies HeadlessFrame & Record<string, unknown>;
  return frame;
}

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
        { code: 'download-progress-of', params: { received: expect.any(String), total: expect.any(String) } },
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
    expect(output).toContain("running: const who         = 'original';");
  });

  it('keeps one WebContainer per page when the module is evaluated again (HMR)', async () => {
    const api = createFakeWebContainerApi({ programs: printMain });
    const options = {
      loadApi: async () => api,
      fetch: async () => new Response(snapshotBytes.slice()),
      capabilities: isolatedChrome,
      watchFrame: null,
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

  it('runs the JavaScript twin of the command’s .ts file in the example folder, through a terminal, with the edits stripped', async () => {
    const { api, runner, stripper } = setup({
      programs: {
        'node src/main.ts': (p) => {
          p.write(`running: ${p.readFile('src/main.js')?.trim()}\n`);
          p.write(`${TRACE_MARKER}{"kind":"job:added","id":"1"}\n`);
          p.write('done\n');
          return 0;
        },
      },
    });
    const edited = "const who: string = 'edited';\nconsole.log(who);";
    const { exit, events, output } = await runToEnd(runner, {
      ...main,
      files: { 'src/main.ts': edited },
      env: { GREETING: 'hi' },
    });
    expect(output).toBe("running: const who         = 'edited';\r\nconsole.log(who);\r\ndone\r\n");
    expect(events.filter((e) => e.type === 'trace')).toEqual([
      { type: 'trace', event: { kind: 'job:added', id: '1' } },
    ]);
    expect(exit).toMatchObject({ code: 0, reason: 'exited' });
    expect(events.at(-1)).toEqual({ type: 'exit', exit });
    expect(stripper.calls).toEqual([['examples/00-demo/src/main.ts']]);
    // The reader's file as written, beside the twin that runs.
    expect(api.files.get('examples/00-demo/src/main.ts')).toBe(edited);
    expect(api.spawns.at(-1)).toEqual({
      command: 'node',
      args: ['src/main.js'],
      options: {
        cwd: 'examples/00-demo',
        env: { FORCE_COLOR: '1', GREETING: 'hi' },
        terminal: { cols: 120, rows: 40 },
      },
    });
  });

  it('strips nothing when the edits are the snapshot’s own files (a Run without edits)', async () => {
    const { api, runner, stripper } = setup();
    const { output } = await runToEnd(runner, { ...main, files: { 'src/main.ts': MAIN_TS } });
    expect(output).toContain("running: const who         = 'original';");
    expect(stripper.calls).toEqual([[]]);
    expect(api.files.get('examples/00-demo/src/main.ts')).toBe(MAIN_TS);
  });

  it('names the reader’s .ts files in what the run prints, not the twins it ran', async () => {
    const { runner } = setup({
      programs: {
        'node src/main.ts': (p) => {
          p.write(`${FAKE_WORKDIR}/examples/00-demo/src/main.js:2\n`);
          p.write(`Error: boom\n    at file://${FAKE_WORKDIR}/examples/00-demo/src/main.js:2:7\n`);
          p.write(`    at ${FAKE_WORKDIR}/node_modules/left-pad/index.js:1:1\n`);
          return 1;
        },
      },
    });
    const { output, exit } = await runToEnd(runner, main);
    expect(output).toBe(
      `${FAKE_WORKDIR}/examples/00-demo/src/main.ts:2\r\nError: boom\r\n    at file://${FAKE_WORKDIR}/examples/00-demo/src/main.ts:2:7\r\n` +
        `    at ${FAKE_WORKDIR}/node_modules/left-pad/index.js:1:1\r\n`,
    );
    expect(exit).toMatchObject({ code: 1, reason: 'exited' });
  });

  it('an edit with a TypeScript syntax error gets a twin that fails as Node would, at the reader’s line', async () => {
    const { api, runner } = setup();
    await runToEnd(runner, { ...main, files: { 'src/main.ts': 'const ok = 1;\nconst answer: = 42;\n' } });
    const twin = api.files.get('examples/00-demo/src/main.js')!;
    expect(twin).toContain('ERR_INVALID_TYPESCRIPT_SYNTAX');
    expect(twin).toContain("file + ':2\\n'");
  });

  it('puts the original files, and their twins, back before the next run', async () => {
    const { api, runner } = setup();
    await runToEnd(runner, { ...main, files: { 'src/main.ts': 'console.log(1 as number);', 'src/new-file.ts': 'x' } });
    expect(api.files.get('examples/00-demo/src/new-file.js')).toBe('x');
    const { output } = await runToEnd(runner, main);
    expect(output).toContain("running: const who         = 'original';");
    expect(api.files.get('examples/00-demo/src/main.ts')).toBe(MAIN_TS);
    expect(api.files.has('examples/00-demo/src/new-file.ts')).toBe(false);
    expect(api.files.has('examples/00-demo/src/new-file.js')).toBe(false);
  });

  it('cannot lose a mounted snapshot: the API takes the buffer, the runner does not touch it again', async () => {
    const mine = snapshotBytes.slice();
    const { api, runner } = setup({}, { fetch: async () => new Response(mine) });
    await runner.boot();
    expect(api.mounts).toEqual([snapshotBytes.byteLength]);
    expect((await runToEnd(runner, main)).exit.code).toBe(0);
  });

  it('Stop (an abort) kills the process and ends the run once, though kill() never reports an exit', async () => {
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
    expect(api.spawns.filter((s) => s.args[0] === 'src/forever.js')).toHaveLength(0);
  });

  it('ends a forgotten run at the timeout, with a notice', async () => {
    const { api, runner } = setup();
    const { exit } = await runToEnd(runner, { ...forever, timeoutMs: 50 });
    expect(exit).toMatchObject({ reason: 'timeout', notice: { code: 'timed-out', params: { seconds: 0 } } });
    expect(api.kills).toBe(1);
  });

  it('a WebContainer error ends the current run with a notice instead of leaving it hanging', async () => {
    const { api, runner } = setup();
    const run = await start(runner, forever, api);
    api.emitError('Out of memory');
    expect(await run.exit).toMatchObject({
      reason: 'crashed',
      notice: { code: 'container-failed', params: { error: 'Out of memory' } },
    });
  });

  it('tells the run about an HTTP server it starts (for the preview pane)', async () => {
    const { runner } = setup({
      programs: { 'node src/main.ts': (p) => (p.listen(3000), p.write('listening\n'), 0) },
    });
    const { events } = await runToEnd(runner, main);
    expect(events).toContainEqual({ type: 'server-ready', port: 3000, url: 'https://fake-3000.webcontainer.test' });
  });

  it('output chunks are decoded one by one: an ASCII trace line survives any cut, other text may not', async () => {
    const event = { type: 'log', log: '\\u4f60\\u597d' }; // escaped as the examples' trace lines are
    const { events, output } = await runToEnd(
      setup({
        chunkBytes: 5,
        programs: {
          'node src/main.ts': (p) => {
            p.write('你好\n');
            p.write(`${TRACE_MARKER}${JSON.stringify(event).replace(/\\\\/g, '\\')}\n`);
            return 0;
          },
        },
      }).runner,
      main,
    );
    expect(events.filter((e) => e.type === 'trace')).toEqual([{ type: 'trace', event: { type: 'log', log: '你好' } }]);
    expect(output).toContain('\uFFFD'); // 你 is whole in the first chunk, 好 is cut: what the real API does
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

  it('says at once that StackBlitz is unreachable when its frame fails, and the next Run loads the frame again', async () => {
    const frame = scriptedFrame();
    const { api, runner } = setup({ bootHangs: true }, { watchFrame: () => frame });
    const first = runner.boot();
    await vi.waitFor(() => expect(api.boots).toBe(1));
    frame.emit({ type: 'requested', url: 'https://stackblitz.com/headless?coep=require-corp&version=1.6.4' });
    frame.emit({ type: 'unreachable', host: 'stackblitz.com' });
    await expect(first).rejects.toMatchObject({
      name: 'RunnerUnavailableError',
      notice: { code: 'stackblitz-unreachable', params: { host: 'stackblitz.com' } },
    });
    // The API's boot is still waiting on its frame: the next boot loads the frame again, without a second boot().
    const second = runner.boot();
    await vi.waitFor(() => expect(frame.retries).toBe(1));
    frame.emit({ type: 'silent', seconds: 20 });
    await expect(second).rejects.toMatchObject({ notice: { code: 'stackblitz-silent', params: { seconds: 20 } } });
    const third = runner.boot();
    await vi.waitFor(() => expect(frame.retries).toBe(2));
    frame.emit({ type: 'initialised' });
    expect(api.boots).toBe(1);
    // bootHangs keeps this fake's boot() pending for good: the third attempt is still waiting, as it should.
    const outcome = await Promise.race([third.then(() => 'booted'), new Promise((r) => setTimeout(r, 50, 'waiting'))]);
    expect(outcome).toBe('waiting');
  });

  it('a slow boot that StackBlitz answered shows how long it has been going, and is not cut off at 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    try {
      const frame = scriptedFrame();
      const { api, runner } = setup({ bootHangs: true }, { watchFrame: () => frame });
      const progress: BootProgress[] = [];
      const booting = runner.boot({ onProgress: (p) => progress.push(p) });
      const settled = vi.fn();
      booting.then(settled, settled);
      await vi.waitFor(() => expect(api.boots).toBe(1));
      frame.emit({ type: 'answered' });
      await vi.advanceTimersByTimeAsync(45_000);
      expect(settled).not.toHaveBeenCalled();
      expect(progress.at(-1)?.notice).toEqual({ code: 'starting-for', params: { seconds: 45 } });
      await vi.advanceTimersByTimeAsync(80_000);
      await expect(booting).rejects.toMatchObject({ notice: { code: 'boot-timeout', params: { seconds: 120 } } });
    } finally {
      vi.useRealTimers();
    }
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

  it('on a Node older than an example’s dependencies need, says so plainly instead of running it', async () => {
    const old = setup({ nodeVersion: 'v18.20.8' });
    const refused = await runToEnd(old.runner, { ...main, example: '02-http' });
    expect(refused.exit).toMatchObject({
      code: null,
      reason: 'crashed',
      notice: { code: 'node-too-old', params: { version: 'v18.20.8', required: '20.0.0' } },
    });
    // What the reader reads, in their language: the versions, and what to do instead.
    const notice = refused.exit.notice!;
    expect(describeNotice(notice, translator('en'))).toBe(
      "This lesson's code needs Node.js 20.0.0 or newer (its libraries say so), and the Node.js in your browser is v18.20.8. The output below was recorded earlier; to run the code yourself, download the example and run it with Node.js 22.12 or newer on your own machine.",
    );
    expect(describeNotice(notice, translator('zh'))).toMatch(
      /^这一课的代码需要 Node\.js 20\.0\.0 或更新的版本.*是 v18\.20\.8。/,
    );
    // Asked where runs run, once per example folder; examples that need no more than Node 18 still run.
    expect(old.api.spawns.filter((s) => s.args[0] === '--version')).toEqual([
      { command: 'node', args: ['--version'], options: { cwd: 'examples/02-http' } },
    ]);
    expect((await runToEnd(old.runner, main)).exit).toMatchObject({ code: 0 });
    const current = setup({ nodeVersion: 'v20.19.1' });
    expect((await runToEnd(current.runner, { ...main, example: '02-http' })).exit).toMatchObject({ code: 0 });
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

  it('runs Check like any command: the checker’s twin, with the edited starter and its twin written first', async () => {
    const { api, runner } = setup({
      programs: {
        'node ../course-tools/src/check-exercise.ts': (p) => {
          p.write(`checking: ${p.readFile('exercise/starter/answer.js')}\n`);
          return 1;
        },
      },
    });
    const { exit, output } = await runToEnd(runner, {
      ...main,
      files: { 'exercise/starter/answer.ts': 'export const answer: number = 41;' },
      command: ['node', '../course-tools/src/check-exercise.ts'],
    });
    expect(exit).toMatchObject({ code: 1, reason: 'exited' });
    expect(output).toContain('checking: export const answer         = 41;');
    expect(api.spawns.at(-1)).toMatchObject({
      command: 'node',
      args: ['../course-tools/src/check-exercise.js'],
      options: { cwd: 'examples/00-demo' },
    });
  });
});

afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('async-lab.webcontainer')];
});
