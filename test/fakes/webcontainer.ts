// A fake of @webcontainer/api for tests, shaped like the real API where the runner touches it:
// `WebContainer.boot()` (only one instance at a time), `mount(snapshot)` decoding the real snapshot format
// (msgpack of { d: { name: { d: … } | { f: { c: bytes } } } }, as @webcontainer/snapshot writes it), `fs`,
// and `spawn()` returning a process with `output` (a ReadableStream<string>), `exit` and `kill()`.
// What a spawned process does is a "program" the test supplies, looked up by command and first argument.
import { decode } from '@msgpack/msgpack';
import type { BootOptions, SpawnOptions, WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { WebContainerApi } from '../../src/lib/runtime/webcontainer-runner.ts';

export interface FakeProcessContext {
  command: string;
  args: string[];
  options: SpawnOptions;
  /** Prints to the process's terminal output. */
  write(text: string): void;
  /** Reads a file of the container (paths relative to the workdir). */
  readFile(path: string): string | undefined;
  /** Settles when the process is killed. */
  killed: Promise<void>;
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
  /** Whether `exit` settles after kill() (the real API does not promise it). */
  exitOnKill?: boolean;
  /** What `node --version` prints. */
  nodeVersion?: string;
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

export function createFakeWebContainerApi(options: FakeWebContainerOptions = {}): FakeWebContainerApi {
  const files = new Map<string, string>();
  let live: FakeContainer | undefined;
  let running = 0;
  const errorListeners = new Set<(payload: { message: string }) => void>();

  class FakeContainer {
    private tornDown = false;
    readonly workdir = '/home/async-lab';
    readonly path = '/usr/local/bin:/usr/bin:/bin';
    readonly fs = {
      readFile: async (path: string, encoding?: string) => {
        this.assertUsable();
        const content = files.get(normalise(path));
        if (content === undefined) throw enoent(path);
        return encoding ? content : new TextEncoder().encode(content);
      },
      writeFile: async (path: string, data: string | Uint8Array) => {
        this.assertUsable();
        const parent = dirname(normalise(path));
        if (parent && !hasFolder(parent)) throw enoent(parent);
        files.set(normalise(path), typeof data === 'string' ? data : new TextDecoder().decode(data));
      },
      mkdir: async (path: string) => {
        this.assertUsable();
        files.set(normalise(path) + '/', '');
      },
      rm: async (path: string, rmOptions?: { force?: boolean }) => {
        this.assertUsable();
        if (!files.delete(normalise(path)) && !rmOptions?.force) throw enoent(path);
      },
    };

    async mount(snapshot: Uint8Array | ArrayBuffer, mountOptions?: { mountPoint?: string }): Promise<void> {
      this.assertUsable();
      const bytes = snapshot instanceof Uint8Array ? snapshot : new Uint8Array(snapshot);
      api.mounts.push(bytes.byteLength);
      walkSnapshot(decode(bytes) as SnapshotFolder, normalise(mountOptions?.mountPoint ?? ''), files);
    }

    async spawn(command: string, args: string[] = [], spawnOptions: SpawnOptions = {}): Promise<WebContainerProcess> {
      this.assertUsable();
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
      const program: FakeProgram | undefined =
        command === 'node' && args[0] === '--version'
          ? (p) => (p.write(`${options.nodeVersion ?? 'v22.22.0'}\r\n`), 0)
          : (options.programs?.[`${command} ${args[0] ?? ''}`.trim()] ?? options.programs?.[command]);
      running++;
      const context: FakeProcessContext = {
        command,
        args,
        options: spawnOptions,
        write: (text) => {
          if (!exited) push(text);
        },
        readFile: (path) => files.get(normalise(`${spawnOptions.cwd ?? ''}/${path}`)),
        killed,
      };
      let killExit!: (code: number) => void;
      const exit = new Promise<number>((resolve) => {
        killExit = resolve;
        void Promise.resolve()
          .then(() => (program ? program(context) : (context.write(`jsh: command not found: ${command}\r\n`), 127)))
          .then((code) => resolve(code));
      }).then((code) => {
        if (!exited) {
          exited = true;
          running--;
          close();
        }
        return code;
      });
      return {
        exit,
        output,
        input: new WritableStream<string>(),
        kill: () => {
          api.kills++;
          onKill();
          if (options.exitOnKill ?? true) killExit(130);
        },
        resize: () => {},
      };
    }

    on(event: string, listener: (payload: { message: string }) => void): () => void {
      if (event !== 'error') return () => {};
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    }

    teardown(): void {
      this.tornDown = true;
      live = undefined;
    }

    private assertUsable(): void {
      if (this.tornDown) throw new Error('WebContainer has been torn down');
    }
  }

  const api: FakeWebContainerApi = {
    boots: 0,
    mounts: [],
    spawns: [],
    kills: 0,
    files,
    running: () => running,
    emitError: (message) => {
      for (const listener of errorListeners) listener({ message });
    },
    WebContainer: {
      async boot(_options?: BootOptions): Promise<WebContainer> {
        api.boots++;
        if (live) throw new Error('Unable to create more instances');
        if (options.bootHangs) return new Promise<never>(() => {});
        if (options.bootError) throw options.bootError;
        live = new FakeContainer();
        return live as unknown as WebContainer;
      },
    },
  };

  function hasFolder(path: string): boolean {
    if (files.has(path + '/')) return true;
    for (const key of files.keys()) if (key.startsWith(path + '/')) return true;
    return false;
  }

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
