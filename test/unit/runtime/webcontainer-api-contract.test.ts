// The contract with @webcontainer/api, tested against the package's own code: its real WebContainer class, with
// a stub at the one boundary we cannot cross here, the messages to StackBlitz's frame. The API puts a hidden
// iframe (https://stackblitz.com/headless?…) in the page, waits for it to post {type:'init'} with a MessagePort,
// and from then on talks Comlink over that port: server.build() → instance; instance.loadFiles / run / fs / on.
// This file plays the frame's side of that conversation (with the package's own Comlink) and records what
// arrives, so it pins what the runner relies on: boot options, the frame and how a boot waits on it, mount bytes
// and mount point, spawn command/args/cwd/env/terminal, output decoding, kill and exit. An upgrade of
// @webcontainer/api that changes any of it fails here, loudly, before it fails in a reader's browser.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import amaro from 'amaro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeSnapshot } from '../../../src/integrations/webcontainer-snapshot/snapshot-builder.ts';
import type { RunEvent } from '../../../src/lib/runtime/runner.ts';
import { headlessOrigin } from '../../../src/lib/runtime/stackblitz-frame.ts';
import { stripToJsTwin, type AmaroTransform } from '../../../src/lib/runtime/strip-types.ts';
import { WebContainerRunner, type WebContainerApi } from '../../../src/lib/runtime/webcontainer-runner.ts';

// The package has only "import" exports: resolve its entry as an ES module does.
const apiDir = dirname(dirname(fileURLToPath(import.meta.resolve('@webcontainer/api'))));
const apiVersion = (JSON.parse(readFileSync(join(apiDir, 'package.json'), 'utf8')) as { version: string }).version;
/** The package's own Comlink (the wire protocol must be the one its frame speaks). */
const { Comlink } = (await import(pathToFileURL(join(apiDir, 'dist/vendor/index.js')).href)) as {
  Comlink: {
    expose(target: object, endpoint: MessagePort): void;
    proxy<T extends object>(target: T): T;
  };
};

interface FakeIframe {
  src: string;
  style: Record<string, string>;
  attributes: Record<string, string>;
  setAttribute(name: string, value: string): void;
}

/** What arrived at the frame's side. */
interface Recorded {
  iframes: FakeIframe[];
  builds: unknown[];
  loadFiles: { bytes: Uint8Array; options: unknown }[];
  runs: { options: unknown; listeners: unknown[] }[];
  kills: unknown[][];
  fsCalls: [string, ...unknown[]][];
  subscriptions: string[];
}

interface FrameSide {
  recorded: Recorded;
  /** Posts {type:'init'} from the frame's origin, as StackBlitz's page does once loaded. */
  init(): void;
  /** Sends one chunk of a process's terminal output, as bytes, as the runtime does. */
  output(chunk: Uint8Array | null): Promise<void>;
  exit(code: number): void;
  /** Calls a listener the page registered with on(). */
  emit(event: string, ...args: unknown[]): Promise<void>;
}

let frame: FrameSide;
let api: WebContainerApi;
const ports: MessagePort[] = [];

/** A browser page just big enough for the API: window (events, location), document.body, iframes. */
function installPage(): { window: EventTarget; iframes: FakeIframe[] } {
  const iframes: FakeIframe[] = [];
  const window = Object.assign(new EventTarget(), { location: { host: 'async-lab.test' }, crossOriginIsolated: true });
  const document = {
    createElement(tag: string) {
      expect(tag).toBe('iframe');
      const iframe: FakeIframe = {
        src: '',
        style: {},
        attributes: {},
        setAttribute(name, value) {
          iframe.attributes[name] = value;
        },
      };
      return iframe;
    },
    body: {
      insertBefore(node: FakeIframe, before: unknown) {
        expect(before).toBeNull(); // appended at the end of <body>
        iframes.push(node);
      },
    },
  };
  vi.stubGlobal('window', window);
  vi.stubGlobal('document', document);
  return { window, iframes };
}

function frameSide(window: EventTarget, iframes: FakeIframe[]): FrameSide {
  const recorded: Recorded = {
    iframes,
    builds: [],
    loadFiles: [],
    runs: [],
    kills: [],
    fsCalls: [],
    subscriptions: [],
  };
  const files = new Map<string, string>();
  let output: ((chunk: Uint8Array | null) => Promise<void>) | undefined;
  let resolveExit: (code: number) => void = () => {};
  const listeners = new Map<string, (...args: unknown[]) => Promise<void>>();
  const fs = {
    readFile: async (path: string, encoding?: string) => {
      recorded.fsCalls.push(['readFile', path, encoding]);
      const content = files.get(path);
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
    writeFile: async (path: string, data: unknown, options?: unknown) => {
      recorded.fsCalls.push(['writeFile', path, data, options]);
      files.set(path, String(data));
    },
    mkdir: async (path: string, options?: unknown) => {
      recorded.fsCalls.push(['mkdir', path, options]);
      return path;
    },
    rm: async (path: string, options?: unknown) => {
      recorded.fsCalls.push(['rm', path, options]);
      files.delete(path);
    },
  };
  const instance = {
    fs: () => Comlink.proxy(fs),
    previewScript: () => '',
    runtimeInfo: () => ({ path: '/usr/local/bin:/usr/bin:/bin', cwd: '/home/async-lab' }),
    loadFiles: (bytes: Uint8Array, options: unknown) => {
      recorded.loadFiles.push({ bytes, options });
    },
    run: (options: unknown, ...streams: unknown[]) => {
      recorded.runs.push({ options, listeners: streams.map((s) => (s === undefined ? undefined : typeof s)) });
      output = streams[2] as typeof output;
      const exit = new Promise<number>((resolve) => (resolveExit = resolve));
      return Comlink.proxy({
        onExit: exit,
        kill: (...args: unknown[]) => void recorded.kills.push(args),
        write: async () => {},
        resize: async () => {},
      });
    },
    on: (event: string, listener: (...args: unknown[]) => Promise<void>) => {
      recorded.subscriptions.push(event);
      listeners.set(event, listener);
      return Comlink.proxy(() => listeners.delete(event));
    },
    setCredentials: async () => {},
    teardown: async () => {},
  };
  const server = {
    build: (options: unknown) => {
      recorded.builds.push(options);
      return Comlink.proxy(instance);
    },
  };
  return {
    recorded,
    init() {
      const channel = new MessageChannel();
      ports.push(channel.port1, channel.port2);
      Comlink.expose(server, channel.port2);
      const event = new MessageEvent('message', {
        origin: 'https://stackblitz.com',
        data: { type: 'init' },
        ports: [channel.port1],
      });
      window.dispatchEvent(event);
    },
    output: async (chunk) => {
      if (!output) throw new Error('no process is running');
      await output(chunk);
    },
    exit: (code) => resolveExit(code),
    emit: async (event, ...args) => listeners.get(event)!(...args),
  };
}

let copies = 0;
beforeEach(async () => {
  const page = installPage();
  frame = frameSide(page.window, page.iframes);
  // A fresh copy of the package's entry module for each test: it keeps its boot state in module variables.
  const entry = pathToFileURL(join(apiDir, 'dist/index.js'));
  entry.searchParams.set('copy', String(++copies));
  api = (await import(entry.href)) as typeof import('@webcontainer/api') satisfies WebContainerApi;
});

afterEach(() => {
  vi.unstubAllGlobals();
  for (const port of ports.splice(0)) port.close();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('async-lab.webcontainer')];
});

describe(`@webcontainer/api ${apiVersion}, driven through its frame`, () => {
  it('boots by loading one hidden frame from StackBlitz, and builds a runtime with our options', async () => {
    const booting = api.WebContainer.boot({ coep: 'require-corp', workdirName: 'async-lab' });
    await vi.waitFor(() => expect(frame.recorded.iframes).toHaveLength(1));
    const [iframe] = frame.recorded.iframes;
    expect(iframe!.src).toBe(`https://stackblitz.com/headless?coep=require-corp&version=${apiVersion}`);
    expect(iframe!.style.display).toBe('none');
    expect(iframe!.attributes).toEqual({ allow: 'cross-origin-isolated' });
    // The frame watcher (stackblitz-frame.ts) looks for exactly this origin.
    expect(new URL(iframe!.src).origin).toBe(headlessOrigin({}));
    frame.init();
    const container = await booting;
    expect(frame.recorded.builds).toEqual([
      { host: 'async-lab.test', version: apiVersion, workdirName: 'async-lab', forwardPreviewErrors: undefined },
    ]);
    expect(container.workdir).toBe('/home/async-lab');
  });

  it('keeps a boot waiting on its frame for good, and lets it go on when a reloaded frame says init later', async () => {
    // Why the runner never calls boot() twice, and tries again by loading the frame again (stackblitz-frame.ts).
    const first = api.WebContainer.boot({ coep: 'require-corp', workdirName: 'async-lab' });
    await vi.waitFor(() => expect(frame.recorded.iframes).toHaveLength(1));
    const second = api.WebContainer.boot({ coep: 'require-corp', workdirName: 'async-lab' });
    const settled = vi.fn();
    first.then(settled, settled);
    second.then(settled, settled);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).not.toHaveBeenCalled(); // no deadline of its own: StackBlitz unreachable is a wait forever
    expect(frame.recorded.iframes).toHaveLength(1); // a second boot() loads no second frame: it waits its turn
    frame.init(); // the frame, loaded again, answers at last
    await expect(first).resolves.toBeDefined();
    await expect(second).rejects.toThrow('Only a single WebContainer instance can be booted');
  });

  it('mounts the snapshot bytes at the root and transfers their buffer: the caller’s copy is detached', async () => {
    const booting = api.WebContainer.boot({ coep: 'require-corp', workdirName: 'async-lab' });
    await vi.waitFor(() => expect(frame.recorded.iframes).toHaveLength(1));
    frame.init();
    const container = await booting;
    const bytes = new Uint8Array([1, 2, 3, 4]);
    await container.mount(bytes);
    expect(frame.recorded.loadFiles).toEqual([
      { bytes: new Uint8Array([1, 2, 3, 4]), options: { mountPoints: undefined } },
    ]);
    expect(bytes.byteLength).toBe(0);
  });

  it('runs what the runner asks, the way it asks: command, args, cwd, env and terminal; output decoded chunk by chunk; kill; exit', async () => {
    const transformSync = (amaro as { transformSync: AmaroTransform }).transformSync;
    const source = "const who: string = 'original';\nconsole.log(who);\n";
    const snapshot = encodeSnapshot(
      new Map([
        ['examples/00-demo/package.json', new TextEncoder().encode('{"type":"module"}')],
        ['examples/00-demo/src/main.ts', new TextEncoder().encode(source)],
        ['examples/00-demo/src/main.js', new TextEncoder().encode(stripToJsTwin(source, transformSync))],
      ]),
    );
    const runner = new WebContainerRunner({
      loadApi: async () => api,
      fetch: async () => new Response(new Uint8Array(gzipSync(snapshot))),
      watchFrame: null,
      stripTypes: async (files) =>
        Object.fromEntries(Object.entries(files).map(([path, code]) => [path, stripToJsTwin(code, transformSync)])),
      capabilities: {
        crossOriginIsolated: true,
        sharedArrayBuffer: true,
        webAssembly: true,
        userAgent: 'Chrome',
        maxTouchPoints: 0,
      },
      killGraceMs: 50,
      scope: {},
    });
    const booted = runner.boot();
    await vi.waitFor(() => expect(frame.recorded.iframes).toHaveLength(1));
    frame.init();
    await booted;
    // The runner's boot options, as they reach StackBlitz: COEP require-corp (our pages' policy) in the frame's
    // URL, and our workdir's name in the build (runs' paths are /home/async-lab/examples/…).
    expect(frame.recorded.iframes[0]!.src).toBe(
      `https://stackblitz.com/headless?coep=require-corp&version=${apiVersion}`,
    );
    expect(frame.recorded.builds).toEqual([
      { host: 'async-lab.test', version: apiVersion, workdirName: 'async-lab', forwardPreviewErrors: undefined },
    ]);
    // The mount: the snapshot as built (the site ships it gzip-compressed; the runner inflates it), at the root.
    expect(frame.recorded.loadFiles).toHaveLength(1);
    expect(Buffer.from(frame.recorded.loadFiles[0]!.bytes).equals(Buffer.from(snapshot))).toBe(true);
    expect(frame.recorded.loadFiles[0]!.options).toEqual({ mountPoints: undefined });
    expect(frame.recorded.subscriptions).toEqual(['error', 'server-ready']);

    const events: RunEvent[] = [];
    const stop = new AbortController();
    const edited = "const who: string = 'edited';\nconsole.log(who);\n";
    const exit = runner.run(
      {
        example: '00-demo',
        files: { 'src/main.ts': edited },
        command: ['node', 'src/main.ts'],
        env: { ASYNC_LAB_TRACE: '1' },
      },
      (event) => events.push(event),
      stop.signal,
    );
    await vi.waitFor(() => expect(frame.recorded.runs).toHaveLength(1));
    expect(frame.recorded.runs[0]).toEqual({
      options: {
        command: 'node',
        args: ['src/main.js'],
        cwd: 'examples/00-demo',
        env: { FORCE_COLOR: '1', ASYNC_LAB_TRACE: '1' },
        terminal: { cols: 120, rows: 40 },
      },
      // stdout and stderr are not asked for: all output comes through the terminal, as one stream.
      listeners: [undefined, undefined, 'function'],
    });
    // The edit and its twin were written with the file system calls the runner relies on.
    expect(frame.recorded.fsCalls).toContainEqual(['writeFile', 'examples/00-demo/src/main.ts', edited, undefined]);
    expect(frame.recorded.fsCalls).toContainEqual([
      'writeFile',
      'examples/00-demo/src/main.js',
      stripToJsTwin(edited, transformSync),
      undefined,
    ]);
    expect(frame.recorded.fsCalls).toContainEqual(['mkdir', 'examples/00-demo/src', { recursive: true }]);

    // Bytes in, text out, each chunk decoded on its own: 好 (e5 | a5 bd) cut in two is lost as U+FFFD, one for
    // its first byte at the end of a chunk and one for each stray byte that starts the next.
    const bytes = new TextEncoder().encode('你好\r\n');
    await frame.output(bytes.subarray(0, 4));
    await frame.output(bytes.subarray(4));
    await frame.emit('server-ready', 3000, 'https://3000.webcontainer.test');
    await vi.waitFor(() => expect(events.some((e) => e.type === 'output')).toBe(true));
    stop.abort();
    await vi.waitFor(() => expect(frame.recorded.kills).toEqual([[]])); // kill() carries no signal
    const ended = await exit;
    expect(ended).toMatchObject({ code: null, reason: 'stopped' });
    const text = events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('');
    expect(text).toBe('你\uFFFD\uFFFD\uFFFD\r\n');
    expect(events).toContainEqual({ type: 'server-ready', port: 3000, url: 'https://3000.webcontainer.test' });

    // A process that ends by itself reports its exit code.
    const second = runner.run(
      { example: '00-demo', files: {}, command: ['node', 'src/main.ts'] },
      () => {},
      new AbortController().signal,
    );
    await vi.waitFor(() => expect(frame.recorded.runs).toHaveLength(2));
    await frame.output(new TextEncoder().encode('done\r\n'));
    await frame.output(null);
    frame.exit(3);
    await expect(second).resolves.toMatchObject({ code: 3, reason: 'exited' });
  });
});
