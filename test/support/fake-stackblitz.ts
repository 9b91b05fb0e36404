// A stand-in for StackBlitz's side of @webcontainer/api, for running the built site's Run path in Chromium here,
// where stackblitz.com cannot be reached. It is the one thing faked: the page, its bundle, the real
// @webcontainer/api and its frame protocol all run as they would for a reader.
//
// It serves, on an origin of its own (a page sets WEBCONTAINER_API_IFRAME_URL to it, which the API reads):
// - /headless: the frame the API loads, with the headers a cross-origin isolated page needs of it, whose script
//   posts {type:'init'} with a MessagePort and answers the API over Comlink (the package's own copy), as
//   StackBlitz's frame does: build() → an instance with fs, loadFiles, run, on;
// - behind that, what the frame asks this server to do with real files and processes: the mounted snapshot is
//   unpacked into a folder, file calls act on it, and run() starts the command with an official Node build (the
//   Node a WebContainer starts by default is a 20), streaming its output back as bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '@msgpack/msgpack';
import { freePort } from './free-port.ts';

export interface FakeStackBlitz {
  /** Set this as WEBCONTAINER_API_IFRAME_URL in the page. */
  origin: string;
  /** The container's working directory on this machine (its examples/ is the unpacked snapshot). */
  workdir: string;
  /** What the frame was asked to run, in order. */
  runs: { command: string; args: string[]; cwd: string; env: Record<string, string> }[];
  mounts: number[];
  stop(): Promise<void>;
}

const comlink = join(dirname(fileURLToPath(import.meta.resolve('@webcontainer/api'))), 'vendor/index.js');

/** The frame's script: StackBlitz's side of the protocol, relaying to this server. */
const frameScript = (workdir: string) => `
import { Comlink } from '/comlink.js';
const call = async (path, body) => {
  const response = await fetch(path, { method: 'POST', body });
  const answer = await response.json();
  if (answer.error) throw Object.assign(new Error(answer.error), { code: answer.code });
  return answer;
};
const fs = {
  readFile: async (path, encoding) => (await call('/fs', JSON.stringify({ op: 'readFile', path }))).text,
  writeFile: async (path, data) => void (await call('/fs', JSON.stringify({ op: 'writeFile', path, data: String(data) }))),
  mkdir: async (path, options) => (await call('/fs', JSON.stringify({ op: 'mkdir', path }))).path,
  rm: async (path, options) => void (await call('/fs', JSON.stringify({ op: 'rm', path }))),
};
const instance = {
  fs: () => Comlink.proxy(fs),
  previewScript: () => '',
  runtimeInfo: () => ({ path: '/usr/local/bin:/usr/bin:/bin', cwd: ${JSON.stringify(workdir)} }),
  loadFiles: async (bytes, options) => void (await call('/mount', bytes)),
  run: async ({ command, args, cwd, env }, stdout, stderr, output) => {
    const { id } = await call('/spawn', JSON.stringify({ command, args, cwd, env }));
    const onExit = (async () => {
      const reader = (await fetch('/output/' + id)).body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        await output(value);
      }
      await output(null);
      return (await call('/exit/' + id, '')).code;
    })();
    return Comlink.proxy({
      onExit,
      kill: () => void call('/kill/' + id, ''),
      write: async () => {},
      resize: async () => {},
    });
  },
  on: () => Comlink.proxy(() => {}),
  setCredentials: async () => {},
  teardown: async () => {},
};
const { port1, port2 } = new MessageChannel();
Comlink.expose({ build: () => Comlink.proxy(instance) }, port1);
parent.postMessage({ type: 'init' }, '*', [port2]);
`;

export async function startFakeStackBlitz(options: { node: string }): Promise<FakeStackBlitz> {
  const port = await freePort();
  // localhost, not 127.0.0.1: another origin than the site's preview server, as StackBlitz is.
  const origin = `http://localhost:${port}`;
  const workdir = mkdtempSync(join(tmpdir(), 'async-lab-fake-wc-'));
  const processes = new Map<string, { child: ChildProcess; exit: Promise<number | null>; output: Buffer[] }>();
  const runs: FakeStackBlitz['runs'] = [];
  const mounts: number[] = [];
  let nextId = 1;

  const headers = {
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'cross-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    try {
      if (url.pathname === '/headless') {
        res.writeHead(200, { ...headers, 'content-type': 'text/html' });
        res.end('<!doctype html><script type="module" src="/frame.js"></script>');
      } else if (url.pathname === '/frame.js' || url.pathname === '/comlink.js') {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
        res.end(url.pathname === '/frame.js' ? frameScript(workdir) : readFileSync(comlink));
      } else if (url.pathname === '/mount') {
        const bytes = await body(req);
        mounts.push(bytes.byteLength);
        layOut(decode(bytes) as Folder, workdir);
        json(res, {});
      } else if (url.pathname === '/fs') {
        const { op, path, data } = JSON.parse(String(await body(req))) as { op: string; path: string; data?: string };
        const target = path.startsWith('/') ? path : join(workdir, path);
        if (op === 'readFile') {
          try {
            json(res, { text: readFileSync(target, 'utf8') });
          } catch {
            json(res, { error: `ENOENT: no such file or directory, open '${path}'`, code: 'ENOENT' });
          }
        } else if (op === 'writeFile') {
          writeFileSync(target, data ?? '');
          json(res, {});
        } else if (op === 'mkdir') {
          mkdirSync(target, { recursive: true });
          json(res, { path });
        } else {
          rmSync(target, { force: true });
          json(res, {});
        }
      } else if (url.pathname === '/spawn') {
        const request = JSON.parse(String(await body(req))) as FakeStackBlitz['runs'][number];
        runs.push(request);
        const id = String(nextId++);
        const child = spawn(request.command === 'node' ? options.node : request.command, request.args, {
          cwd: join(workdir, request.cwd),
          env: { PATH: `${dirname(options.node)}:${process.env.PATH}`, HOME: process.env.HOME, ...request.env },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        const output: Buffer[] = [];
        child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
        child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
        const exit = new Promise<number | null>((resolve) => {
          child.on('close', (code) => resolve(code));
          child.on('error', () => resolve(127));
        });
        processes.set(id, { child, exit, output });
        json(res, { id });
      } else if (url.pathname.startsWith('/output/')) {
        const running = processes.get(url.pathname.slice('/output/'.length))!;
        res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream' });
        let sent = 0;
        const pump = () => {
          while (sent < running.output.length) res.write(running.output[sent++]);
        };
        const timer = setInterval(pump, 20);
        await running.exit;
        clearInterval(timer);
        pump();
        res.end();
      } else if (url.pathname.startsWith('/exit/')) {
        json(res, { code: await processes.get(url.pathname.slice('/exit/'.length))!.exit });
      } else if (url.pathname.startsWith('/kill/')) {
        const running = processes.get(url.pathname.slice('/kill/'.length));
        if (running?.child.pid) process.kill(-running.child.pid, 'SIGKILL');
        json(res, {});
      } else {
        res.writeHead(404, headers);
        res.end();
      }
    } catch (error) {
      json(res, { error: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin,
    workdir,
    runs,
    mounts,
    async stop() {
      for (const { child } of processes.values()) {
        if (child.exitCode === null && child.pid) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(workdir, { recursive: true, force: true });
    },
  };
}

type Folder = { d: Record<string, Folder | { f: { c: Uint8Array } }> };

function layOut(folder: Folder, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, entry] of Object.entries(folder.d)) {
    if ('d' in entry) layOut(entry, join(dir, name));
    else writeFileSync(join(dir, name), entry.f.c);
  }
}
