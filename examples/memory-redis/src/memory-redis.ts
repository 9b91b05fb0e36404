// The in-memory Redis client: an ioredis-compatible class built on ioredis-mock. ioredis-mock provides
// the client shell (EventEmitter, pub/sub); the data store, the command set and the Lua engine are this
// package's own (see server/ and lua/), because stock ioredis-mock cannot run BullMQ's scripts and copies
// whole values on every access. What this needs from ioredis-mock's insides is in
// client/ioredis-mock-adapter.ts, nowhere else; ioredis's argument and reply rules are in client/command-codec.ts.
import './lua/fengari-config.ts';
import type { Redis } from 'ioredis';
import { Readable } from 'node:stream';
import { finishReply, prepareArgs, scriptArgs } from './client/command-codec.ts';
import type { ScriptDef } from './client/command-codec.ts';
import {
  MockBase,
  detachFromWatch,
  leaveChannels,
  setMockConnected,
  takeOverCommands,
} from './client/ioredis-mock-adapter.ts';
import { commands } from './commands/index.ts';
import { RedisError } from './commands/types.ts';
import type { Reply } from './commands/types.ts';
import { CONNECTION_CLOSED, MemoryServer } from './server/memory-server.ts';
import type { ServerConnection } from './server/memory-server.ts';
import { utf8ToBinary } from './util/bytes.ts';
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

// Methods of the client that stand where ioredis-mock has its own (besides the commands).
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
    // lazyConnect: ioredis-mock must not "connect" by itself; this class runs its own lifecycle.
    super({ ...options, lazyConnect: true } as never);
    this.userOptions = options;
    takeOverCommands(this, (name) => {
      const base = name.replace(/Buffer$/, '');
      return base in commands || OWN_METHODS.has(name) || name.endsWith('Stream') ? undefined : unsupported(name);
    });
    detachFromWatch(this);
    this.options = {
      host: 'localhost',
      port: 6379,
      db: 0,
      keyPrefix: '',
      lazyConnect: false,
      enableOfflineQueue: true, // ioredis's default; ioredis-mock's pub/sub reads it too
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
    setMockConnected(this, false);
    this.setStatus('reconnecting');
    if (this.listenerCount('error') > 0) this.emit('error', Object.assign(new Error(reason), { code: 'ECONNREFUSED' }));
  }

  outageEnded(): void {
    if (this.status !== 'reconnecting') return;
    setMockConnected(this, true);
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
      setMockConnected(this, true);
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
    // The server compiles it before it is first called (server/script-warmup.ts), as Redis would have it cached.
    this.server.precompile(name, def.source);
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
    leaveChannels(this);
    setMockConnected(this, false);
    this.status = 'end';
    scheduleMacrotask(() => {
      this.emit('close');
      this.emit('end');
    });
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

function runCommand(client: MemoryRedisClient, name: string, rawArgs: unknown[], asBuffer: boolean): Promise<unknown> {
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
