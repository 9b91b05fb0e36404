// A fake of @webcontainer/api for tests: the one place the boundary we cannot run here is stood in for.
// It implements the real types with no cast (`satisfies`), and is strict where the real API promises less:
// - `mount()` transfers the snapshot's buffer to the container, as the real one does (Comlink.transfer): the
//   caller's bytes are detached afterwards;
// - a process's output goes through a pseudo-terminal: "\n" becomes "\r\n";
// - output is cut into chunks of at most `chunkBytes` bytes and each chunk is decoded on its own, as the API
//   decodes them (a character whose UTF-8 bytes two chunks share arrives as U+FFFD);
// - `kill()` takes no signal, and after it `exit` never settles (the real API says nothing of the code, or
//   whether it comes): the runner must end a stopped run by itself.
// `mount(snapshot)` decodes the real snapshot format (msgpack of { d: { name: { d: … } | { f: { c: bytes } } } },
// as @webcontainer/snapshot writes it). What a spawned process does is a "program" the test supplies, looked up by
// command and first argument; a test's program for src/main.ts is looked up as written or as its twin (.js).
import { decode } from '@msgpack/msgpack';
import type {
  BootOptions,
  ErrorListener,
  ServerReadyListener,
  SpawnOptions,
  WebContainerProcess,
} from '@webcontainer/api';
import type { ContainerApi, WebContainerApi } from '../../src/lib/runtime/webcontainer-runner.ts';

export interface FakeProcessContext {
  command: string;
  args: string[];
  options: SpawnOptions;
  /** Prints to the process's terminal. */
  write(text: string): void;
  /** Reads a file of the container (paths relative to the process's cwd). */
  readFile(path: string): string | undefined;
  /** Settles when the process is killed. */
  killed: Promise<void>;
  /** Announces an HTTP server on a port (the container's 'server-ready' event). */
  listen(port: number): void;
}

/** Returns the exit code. */
export type FakeProgram = (process: FakeProcessContext) => Promise<number> | number;

export interface FakeWebContainerOptions {
  /** boot() rejects with this error. */
  bootError?: Error;
  /** boot() never settles (StackBlitz unreachable). */
  bootHangs?: boolean;
  /** Programs by "command" or "command firstArg", e.g. "node src/main.ts"; a missing one exits 127. */
  programs?: Record<string, FakeProgram>;
  /** What `node --version` prints (default v20.19.1, the WebContainer default's line). */
  nodeVersion?: string;
  /** The largest output chunk, in bytes (default: a whole write per chunk). */
  chunkBytes?: number;
}

export interface FakeWebContainerApi extends WebContainerApi {
  boots: number;
  /** Byte size of each mounted snapshot. */
  mounts: number[];
  spawns: { command: string; args: string[]; options: SpawnOptions }[];
  kills: number;
  files: Map<string, string>;
  /** Processes that have not exited. */
  running(): number;
  /** Emits the container's 'error' event, as the real one does when its runtime fails. */
  emitError(message: string): void;
}

export const FAKE_WORKDIR = '/home/async-lab';

export function createFakeWebContainerApi(options: FakeWebContainerOptions = {}): FakeWebContainerApi {
  const files = new Map<string, string>();
  let live: ContainerApi | undefined;
  let running = 0;
  const errorListeners = new Set<ErrorListener>();
  const serverListeners = new Set<ServerReadyListener>();

  function hasFolder(path: string): boolean {
    if (path === '' || files.has(path + '/')) return true;
    for (const key of files.keys()) if (key.startsWith(path + '/')) return true;
    return false;
  }

  async function readFile(path: string, encoding?: null): Promise<Uint8Array>;
  async function readFile(path: string, encoding: BufferEncoding): Promise<string>;
  async function readFile(path: string, encoding?: BufferEncoding | null): Promise<string | Uint8Array> {
    const content = files.get(normalise(path));
    if (content === undefined) throw enoent(path);
    return encoding ? content : new TextEncoder().encode(content);
  }

  async function mkdir(path: string, mkdirOptions?: { recursive?: false }): Promise<void>;
  async function mkdir(path: string, mkdirOptions: { recursive: true }): Promise<string>;
  async function mkdir(path: string, mkdirOptions?: { recursive?: boolean }): Promise<string | void> {
    const parent = dirname(normalise(path));
    if (!mkdirOptions?.recursive && !hasFolder(parent)) throw enoent(parent);
    files.set(normalise(path) + '/', '');
    return mkdirOptions?.recursive ? normalise(path) : undefined;
  }

  const fs = {
    readFile,
    mkdir,
    writeFile: async (path: string, data: string | Uint8Array) => {
      const parent = dirname(normalise(path));
      if (!hasFolder(parent)) throw enoent(parent);
      files.set(normalise(path), typeof data === 'string' ? data : new TextDecoder().decode(data));
    },
    rm: async (path: string, rmOptions?: { force?: boolean; recursive?: boolean }) => {
      if (!files.delete(normalise(path)) && !rmOptions?.force) throw enoent(path);
    },
  } satisfies ContainerApi['fs'];

  function spawnProcess(command: string, args: string[], spawnOptions: SpawnOptions): WebContainerProcess {
    api.spawns.push({ command, args, options: spawnOptions });
    let push!: (text: string) => void;
    let close!: () => void;
    const output = new ReadableStream<string>({
      start(controller) {
        push = (text) => controller.enqueue(text);
        close = () => controller.close();
      },
    });
    let onKill!: () => void;
    const killed = new Promise<void>((resolve) => (onKill = resolve));
    let exited = false;
    let wasKilled = false;
    const program: FakeProgram | undefined =
      command === 'node' && args[0] === '--version'
        ? (p) => (p.write(`${options.nodeVersion ?? 'v20.19.1'}\n`), 0)
        : findProgram(command, args);
    running++;
    const context: FakeProcessContext = {
      command,
      args,
      options: spawnOptions,
      write: (text) => {
        if (exited || wasKilled) return;
        // Through a pseudo-terminal, in chunks decoded one by one.
        const bytes = new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n'));
        const size = options.chunkBytes ?? bytes.length;
        for (let at = 0; at < bytes.length; at += size) push(new TextDecoder().decode(bytes.subarray(at, at + size)));
      },
      readFile: (path) => files.get(normalise(`${spawnOptions.cwd ?? ''}/${path}`)),
      killed,
      listen: (port) => serverListeners.forEach((listener) => listener(port, `https://fake-${port}.webcontainer.test`)),
    };
    const exit = Promise.resolve()
      .then(() => (program ? program(context) : (context.write(`jsh: command not found: ${command}\n`), 127)))
      .then((code) => {
        if (wasKilled) return new Promise<number>(() => {}); // after kill(): nothing is promised
        exited = true;
        running--;
        close();
        return code;
      });
    return {
      exit,
      output,
      input: new WritableStream<string>(),
      kill: () => {
        if (exited || wasKilled) return;
        api.kills++;
        wasKilled = true;
        running--;
        onKill();
        close();
      },
      resize: () => {},
    } satisfies WebContainerProcess;
  }

  function findProgram(command: string, args: string[]): FakeProgram | undefined {
    const programs = options.programs ?? {};
    const first = args[0] ?? '';
    // The runner starts the JavaScript twin (src/main.js) of the file the test names (src/main.ts).
    const asWritten = first.replace(/\.([mc]?)js$/, '.$1ts');
    return programs[`${command} ${first}`.trim()] ?? programs[`${command} ${asWritten}`.trim()] ?? programs[command];
  }

  function on(event: 'error', listener: ErrorListener): () => void;
  function on(event: 'server-ready', listener: ServerReadyListener): () => void;
  function on(event: 'error' | 'server-ready', listener: ErrorListener | ServerReadyListener): () => void {
    const set = (event === 'error' ? errorListeners : serverListeners) as Set<typeof listener>;
    set.add(listener);
    return () => set.delete(listener);
  }

  const api: FakeWebContainerApi = {
    boots: 0,
    mounts: [],
    spawns: [],
    kills: 0,
    files,
    running: () => running,
    emitError: (message) => errorListeners.forEach((listener) => listener({ message })),
    WebContainer: {
      async boot(_options?: BootOptions): Promise<ContainerApi> {
        api.boots++;
        if (live) throw new Error('Only a single WebContainer instance can be booted');
        if (options.bootHangs) return new Promise<never>(() => {});
        if (options.bootError) throw options.bootError;
        const container = {
          fs,
          workdir: FAKE_WORKDIR,
          async mount(snapshot: Uint8Array, mountOptions?: { mountPoint?: string }) {
            // Transferred, as the real API transfers it: the caller's buffer is detached from here on.
            const bytes = structuredClone(snapshot, { transfer: [snapshot.buffer] });
            api.mounts.push(bytes.byteLength);
            walkSnapshot(decode(bytes) as SnapshotFolder, normalise(mountOptions?.mountPoint ?? ''), files);
          },
          async spawn(command: string, args: string[], spawnOptions: SpawnOptions = {}) {
            return spawnProcess(command, args, spawnOptions);
          },
          on,
        } satisfies ContainerApi;
        live = container;
        return container;
      },
    },
  };
  return api;
}

type SnapshotFolder = { d: Record<string, SnapshotFolder | { f: { c: Uint8Array } }> };

function walkSnapshot(folder: SnapshotFolder, prefix: string, files: Map<string, string>): void {
  for (const [name, entry] of Object.entries(folder.d)) {
    const path = prefix ? `${prefix}/${name}` : name;
    if ('d' in entry) {
      files.set(path + '/', '');
      walkSnapshot(entry, path, files);
    } else {
      files.set(path, new TextDecoder().decode(entry.f.c));
    }
  }
}

function normalise(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment && segment !== '.')
    .join('/');
}

function dirname(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
}
