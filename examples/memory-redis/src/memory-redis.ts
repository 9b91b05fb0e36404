// The in-memory Redis client: an ioredis-compatible class built on ioredis-mock. ioredis-mock provides
// the client shell (EventEmitter, option parsing, pub/sub, ioredis argument/reply transformers); the data
// store, the command set and the Lua engine are this package's own (see server/ and lua/), because stock
// ioredis-mock cannot run BullMQ's scripts and copies whole values on every access.
import './lua/fengari-config.ts';
import RedisMock from 'ioredis-mock';
import type { Redis } from 'ioredis';
import { Readable } from 'node:stream';
import { commands } from './commands/index.ts';
import { RedisError, Status } from './commands/types.ts';
import type { Reply } from './commands/types.ts';
import { CONNECTION_CLOSED, MemoryServer } from './server/memory-server.ts';
import type { ServerConnection } from './server/memory-server.ts';
import { argToBinary, binaryToBytes, binaryToUtf8, utf8ToBinary } from './util/bytes.ts';
import { scheduleMacrotask } from './util/macrotask.ts';
import { MemoryPipeline } from './pipeline.ts';
import { isDown, OFFLINE_QUEUE_DISABLED, unwatchOutages, watchOutages, type OutageListener } from './outage.ts';

export type MemoryRedisOptions = {
  host?: string;
  port?: number;
  db?: number;
  lazyConnect?: boolean;
  connectionName?: string;
  keyPrefix?: string;
  maxRetriesPerRequest?: number | null;
  /** false: while disconnected (a simulated outage), commands fail at once instead of waiting. */
  enableOfflineQueue?: boolean;
  [option: string]: unknown;
};

export type ConnectionStatus = 'wait' | 'connecting' | 'connect' | 'ready' | 'close' | 'reconnecting' | 'end';

type Callback = (error: Error | null, result?: unknown) => void;
type ScriptDef = { source: string; sha: string; numberOfKeys: number | null };

// ioredis-mock's pub/sub works on its own channel registry, independent of the data store: keep it.
const INHERITED = new Set(['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe', 'publish', 'pubsub']);

const OWN_METHODS = new Set([
  'connect',
  'quit',
  'disconnect',
  'defineCommand',
  'pipeline',
  'multi',
  'duplicate',
  'call',
  'callBuffer',
]);

const transformers = (
  RedisMock as unknown as {
    Command: {
      transformers: {
        argument: Record<string, (args: unknown[]) => unknown[]>;
        reply: Record<string, (r: unknown) => unknown>;
      };
    };
  }
).Command.transformers;

function parseArgs(args: unknown[]): MemoryRedisOptions {
  const [a, b, c] = args;
  if (typeof a === 'object' && a !== null) return { ...(a as MemoryRedisOptions) };
  if (typeof a === 'string') {
    const url = new URL(a);
    const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
    return {
      ...(b as MemoryRedisOptions),
      host: url.hostname,
      port: url.port ? Number(url.port) : 6379,
      ...(db !== undefined ? { db } : {}),
    };
  }
  if (typeof a === 'number') {
    if (typeof b === 'string') return { ...(c as MemoryRedisOptions), port: a, host: b };
    return { ...(b as MemoryRedisOptions), port: a };
  }
  return {};
}

/** Converts a reply for the caller the way ioredis does: text as UTF-8 strings (or Buffers), statuses as strings. */
export function toClientValue(reply: Reply, asBuffer: boolean): unknown {
  if (typeof reply === 'string') return asBuffer ? toBuffer(reply) : binaryToUtf8(reply);
  if (reply instanceof Status) return asBuffer ? toBuffer(reply.text) : reply.text;
  if (Array.isArray(reply)) return reply.map((r) => toClientValue(r, asBuffer));
  return reply;
}

function toBuffer(binary: string): Uint8Array {
  const bytes = binaryToBytes(binary);
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  return B ? B.from(bytes) : bytes;
}

/** ioredis flattens array arguments and converts objects for commands such as HSET and MSET. */
export function prepareArgs(name: string, args: unknown[]): string[] {
  let flat: unknown[] = [];
  for (const a of args) {
    if (Array.isArray(a)) flat.push(...a);
    else flat.push(a);
  }
  const transform = transformers.argument[name];
  if (transform) flat = transform(args).flat();
  return flat.map(argToBinary);
}

export function finishReply(name: string, reply: Reply, asBuffer: boolean): unknown {
  if (reply instanceof RedisError) throw reply;
  const value = toClientValue(reply, asBuffer);
  const transform = transformers.reply[name];
  return transform && !asBuffer ? transform(value) : value;
}

// ioredis-mock's typings claim the whole ioredis surface; ours is checked against our own code instead,
// and the class is exported typed as an ioredis Redis (see the bottom of this file).
const MockBase = RedisMock as unknown as new (options: object) => import('node:events').EventEmitter;

class MemoryRedisClient extends MockBase implements OutageListener {
  declare options: MemoryRedisOptions;
  status: ConnectionStatus = 'wait';
  readonly isCluster = false;
  private readonly server: MemoryServer;
  private readonly userOptions: MemoryRedisOptions;
  private conn: ServerConnection | undefined;
  /** Counts connect() and close() calls, so a connect overtaken by a close never reports ready. */
  private attempt = 0;
  /** Scripts registered with defineCommand, by command name. */
  readonly scripts = new Map<string, ScriptDef>();
  /** Commands sent during a simulated outage (outage.ts), run when it ends. */
  private offlineQueue: Array<{ run: () => void; fail: (error: Error) => void }> = [];

  constructor(...args: unknown[]) {
    const options = parseArgs(args);
    if (options.keyPrefix) {
      throw new Error(
        `@async-lab/memory-redis does not support the keyPrefix option ("${options.keyPrefix}"): ` +
          'put the prefix in your key names (BullMQ has its own `prefix` option).',
      );
    }
    super({ ...options, lazyConnect: true } as never);
    this.userOptions = options;
    const self = this as unknown as Record<string, unknown> & {
      context?: { modifiedKeyEvents: { off(e: string, f: unknown): void } };
    };
    // ioredis-mock installs its own commands (on its own store) as instance properties: replace them.
    for (const name of Object.getOwnPropertyNames(this)) {
      const base = name.replace(/Buffer$/, '');
      if (typeof self[name] !== 'function' || INHERITED.has(base) || name.startsWith('_')) continue;
      const ours = base in commands || OWN_METHODS.has(name) || name.endsWith('Stream');
      // Some are non-configurable (cannot be deleted) but writable: point those at our methods.
      if (ours && Reflect.deleteProperty(this, name)) continue;
      self[name] = ours ? (MemoryRedisClient.prototype as unknown as Record<string, unknown>)[name] : unsupported(name);
    }
    // ioredis-mock's WATCH bookkeeping listens on a shared emitter; we do not use it.
    self.context?.modifiedKeyEvents.off('modified', (self as { _signalModifiedKey?: unknown })._signalModifiedKey);
    this.options = {
      host: 'localhost',
      port: 6379,
      db: 0,
      keyPrefix: '',
      lazyConnect: false,
      ...options,
    };
    this.server = MemoryServer.at(this.options.host!, this.options.port!);
    watchOutages(this);
    if (!this.options.lazyConnect) void this.connect().catch(() => {});
  }

  get serverAddress(): string {
    return this.server.address;
  }

  outageBegan(reason: string): void {
    if (this.status !== 'ready' && this.status !== 'connect' && this.status !== 'connecting') return;
    if (this.status !== 'connecting') this.setStatus('close');
    this.setStatus('reconnecting');
    if (this.listenerCount('error') > 0) this.emit('error', Object.assign(new Error(reason), { code: 'ECONNREFUSED' }));
  }

  outageEnded(): void {
    if (this.status !== 'reconnecting') return;
    this.setStatus('connect');
    this.setStatus('ready');
    for (const command of this.offlineQueue.splice(0)) command.run();
  }

  /** While the server is away (or not yet connected): wait, or fail at once with enableOfflineQueue: false. */
  private whenReachable<T>(send: () => Promise<T>): Promise<T> {
    // ioredis also refuses a command sent before the connection is ready, with no offline queue to hold it.
    const away = this.status === 'reconnecting' || isDown(this.server.address);
    if ((away || this.status === 'connecting') && this.options.enableOfflineQueue === false) {
      return Promise.reject(new Error(OFFLINE_QUEUE_DISABLED));
    }
    if (!away) return send(); // while connecting, the server itself holds the command until it is connected
    return new Promise<T>((resolve, reject) =>
      this.offlineQueue.push({ run: () => void send().then(resolve, reject), fail: reject }),
    );
  }

  connect(callback?: Callback): Promise<void> {
    const promise = (async () => {
      if (this.status !== 'wait' && this.status !== 'end' && this.status !== 'close') {
        throw new Error('Redis is already connecting/connected');
      }
      this.setStatus('connecting');
      const attempt = ++this.attempt;
      this.conn = this.server.connect(this.options.connectionName ?? '', this.options.db ?? 0);
      await new Promise<void>((r) => scheduleMacrotask(r));
      // Closed while connecting (new Worker(…) then close() at once): stay closed, as ioredis does.
      if (attempt !== this.attempt || (this.status as ConnectionStatus) !== 'connecting')
        throw new Error(CONNECTION_CLOSED);
      // Connecting during a simulated outage: keep trying until it ends, as ioredis does (outageEnded).
      if (isDown(this.server.address)) return this.outageBegan(`connect ECONNREFUSED ${this.server.address}`);
      this.setStatus('connect');
      this.setStatus('ready');
    })();
    return withCallback(promise, callback);
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    if (status !== 'connecting' && status !== 'wait') this.emit(status);
  }

  /** Sends one command; `name` is lower case. */
  sendToServer(name: string, args: string[]): Promise<Reply> {
    if (this.status === 'end' || this.status === 'close') return Promise.reject(new Error(CONNECTION_CLOSED));
    if (this.status === 'wait') void this.connect().catch(() => {});
    return this.whenReachable(() => this.server.send(this.conn, name, args));
  }

  sendBatchToServer(batch: [string, string[]][]): Promise<Reply> {
    if (this.status === 'end' || this.status === 'close') return Promise.reject(new Error(CONNECTION_CLOSED));
    if (this.status === 'wait') void this.connect().catch(() => {});
    return this.whenReachable(() => this.server.sendBatch(this.conn, batch));
  }

  /** Whether the server has compiled this script already (ioredis keeps a similar per-client cache). */
  serverKnowsScript(sha: string): boolean {
    return this.server.knowsScript(sha);
  }

  /** ioredis's generic command entry point: client.call('XADD', key, '*', 'f', 'v'). */
  call(command: string, ...args: unknown[]): Promise<unknown> {
    return runCommand(this, command.toLowerCase(), args, false);
  }

  callBuffer(command: string, ...args: unknown[]): Promise<unknown> {
    return runCommand(this, command.toLowerCase(), args, true);
  }

  defineCommand(name: string, definition: { numberOfKeys?: number | null; lua: string }): void {
    const source = utf8ToBinary(definition.lua);
    const def: ScriptDef = { source, sha: MemoryServer.sha(source), numberOfKeys: definition.numberOfKeys ?? null };
    this.scripts.set(name, def);
    const self = this as unknown as Record<string, unknown>;
    self[name] = (...args: unknown[]) => runScript(this, def, args, false);
    self[`${name}Buffer`] = (...args: unknown[]) => runScript(this, def, args, true);
  }

  pipeline(commandList?: unknown[][]): MemoryPipeline {
    return new MemoryPipeline(this, commandList);
  }

  multi(commandList?: unknown[][] | { pipeline?: boolean }): MemoryPipeline {
    return new MemoryPipeline(this, Array.isArray(commandList) ? commandList : undefined);
  }

  duplicate(override: MemoryRedisOptions = {}): MemoryRedisClient {
    return new MemoryRedisClient({ ...this.userOptions, ...override });
  }

  quit(callback?: Callback): Promise<'OK'> {
    const promise = (async (): Promise<'OK'> => {
      if (this.status === 'end') return 'OK';
      // As ioredis: while disconnected, quit just closes (there is no server to say goodbye to).
      if (this.status !== 'reconnecting') await this.sendToServer('ping', []).catch(() => {});
      this.close();
      return 'OK';
    })();
    return withCallback(promise, callback);
  }

  disconnect(_reconnect = false): void {
    if (this.status === 'end') return;
    this.close();
  }

  end(): void {
    this.disconnect();
  }

  private close(): void {
    this.attempt++;
    unwatchOutages(this);
    // Commands waiting for the server to come back fail, as ioredis fails its offline queue on disconnect().
    for (const command of this.offlineQueue.splice(0)) command.fail(new Error(CONNECTION_CLOSED));
    if (this.conn) this.server.disconnect(this.conn);
    this.conn = undefined;
    this.leaveChannels();
    this.status = 'end';
    scheduleMacrotask(() => {
      this.emit('close');
      this.emit('end');
    });
  }

  /** Drops this client's pub/sub listeners from ioredis-mock's shared channel registry. */
  private leaveChannels(): void {
    const self = this as unknown as { channels?: ChannelRegistry; patternChannels?: ChannelRegistry };
    for (const registry of [self.channels, self.patternChannels]) {
      registry?.instanceListeners?.forEach((listeners, channel) => {
        const listener = listeners.get(this);
        if (listener) {
          registry.removeListener(channel, listener);
          listeners.delete(this);
        }
      });
    }
  }

  scanStream(options: { match?: string; count?: number; type?: string } = {}): Readable {
    return scanStream((cursor) => {
      const args: unknown[] = [cursor];
      if (options.match) args.push('MATCH', options.match);
      if (options.count) args.push('COUNT', options.count);
      if (options.type) args.push('TYPE', options.type);
      return runCommand(this, 'scan', args, false) as Promise<[string, string[]]>;
    });
  }

  hscanStream(key: string, options: { count?: number } = {}): Readable {
    return scanStream(
      (cursor) =>
        runCommand(this, 'hscan', [key, cursor, ...(options.count ? ['COUNT', options.count] : [])], false) as Promise<
          [string, string[]]
        >,
    );
  }

  sscanStream(key: string, options: { count?: number } = {}): Readable {
    return scanStream(
      (cursor) =>
        runCommand(this, 'sscan', [key, cursor, ...(options.count ? ['COUNT', options.count] : [])], false) as Promise<
          [string, string[]]
        >,
    );
  }
}

type ChannelRegistry = {
  instanceListeners?: Map<string, Map<unknown, (...args: unknown[]) => void>>;
  removeListener(channel: string, listener: (...args: unknown[]) => void): void;
};

function scanStream(scan: (cursor: string) => Promise<[string, string[]]>): Readable {
  let cursor = '0';
  let done = false;
  return new Readable({
    objectMode: true,
    read() {
      if (done) return void this.push(null);
      scan(cursor).then(
        ([next, items]) => {
          cursor = next;
          if (next === '0') done = true;
          this.push(items);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}

function withCallback<T>(promise: Promise<T>, callback?: Callback): Promise<T> {
  if (callback)
    promise.then(
      (r) => callback(null, r),
      (e: Error) => callback(e),
    );
  return promise;
}

function unsupported(name: string) {
  return () =>
    Promise.reject(
      new RedisError(
        `ERR unknown command '${name}': @async-lab/memory-redis does not implement it (see its README), ` +
          'or set REDIS_URL to use a real Redis',
      ),
    );
}

export function runCommand(
  client: MemoryRedisClient,
  name: string,
  rawArgs: unknown[],
  asBuffer: boolean,
): Promise<unknown> {
  let callback: Callback | undefined;
  if (typeof rawArgs[rawArgs.length - 1] === 'function') callback = rawArgs.pop() as Callback;
  let promise: Promise<unknown>;
  try {
    const args = prepareArgs(name, rawArgs);
    promise = client.sendToServer(name, args).then((reply) => finishReply(name, reply, asBuffer));
  } catch (error) {
    promise = Promise.reject(error);
  }
  return withCallback(promise, callback);
}

export function scriptArgs(def: ScriptDef, rawArgs: unknown[]): string[] {
  const args = prepareArgs('evalsha', rawArgs);
  if (def.numberOfKeys === null) return args;
  return [String(def.numberOfKeys), ...args];
}

function runScript(client: MemoryRedisClient, def: ScriptDef, rawArgs: unknown[], asBuffer: boolean): Promise<unknown> {
  let callback: Callback | undefined;
  if (typeof rawArgs[rawArgs.length - 1] === 'function') callback = rawArgs.pop() as Callback;
  let promise: Promise<unknown>;
  try {
    // Like ioredis: EVALSHA, and the source travels along so the server compiles it on first use.
    const args = scriptArgs(def, rawArgs);
    promise = client
      .sendToServer('evalsha', [def.sha, ...args])
      .catch((error: Error) => {
        if (!error.message.startsWith('NOSCRIPT')) throw error;
        return client.sendToServer('eval', [def.source, ...args]);
      })
      .then((reply) => finishReply('evalsha', reply, asBuffer));
  } catch (error) {
    promise = Promise.reject(error);
  }
  return withCallback(promise, callback);
}

// Every command of the in-memory server becomes a method, plus its ...Buffer twin.
for (const name of Object.keys(commands)) {
  const proto = MemoryRedisClient.prototype as unknown as Record<string, unknown>;
  if (name in proto && name !== 'eval') continue;
  proto[name] = function (this: MemoryRedisClient, ...args: unknown[]) {
    return runCommand(this, name, args, false);
  };
  proto[`${name}Buffer`] = function (this: MemoryRedisClient, ...args: unknown[]) {
    return runCommand(this, name, args, true);
  };
}

/** An in-memory client, typed as the ioredis client it stands in for. */
export type MemoryRedis = Redis & Pick<MemoryRedisClient, 'scripts' | 'serverKnowsScript'>;
export const MemoryRedis = MemoryRedisClient as unknown as {
  new (options?: MemoryRedisOptions): MemoryRedis;
  new (port: number, host?: string, options?: MemoryRedisOptions): MemoryRedis;
  new (url: string, options?: MemoryRedisOptions): MemoryRedis;
};
export type { MemoryRedisClient };
