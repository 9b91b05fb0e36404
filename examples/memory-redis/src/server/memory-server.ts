// One in-memory Redis "server": its databases, script cache, connected clients and blocked clients.
// Commands from all clients run one at a time, in arrival order, on a later macrotask (as if they had
// crossed a socket); clients blocked in BZPOPMIN/XREAD are served after each command that touches
// their keys, as Redis does.
import { WRITE_COMMANDS, checkArity, commands } from '../commands/index.ts';
import { Blocked, Paused, RedisError, Status } from '../commands/types.ts';
import { OK } from '../commands/types.ts';
import type { ClientInfo, CommandContext, CommandSpec, PausedScript, Reply, ServerApi } from '../commands/types.ts';
import { Database, WrongTypeError } from '../store/database.ts';
import { DEFAULT_BUSY_THRESHOLD_MS, LuaEngine } from '../lua/engine.ts';
import { ScanCursors } from '../store/scan-cursors.ts';
import { ScriptWarmup } from './script-warmup.ts';
import { scheduleMacrotask } from '../util/macrotask.ts';
import { now as realNow, startTimer, stopTimer } from '../util/real-clock.ts';
import type { TimerHandle } from '../util/real-clock.ts';
import { scriptSha } from '../util/sha1.ts';

export const CONNECTION_CLOSED = 'Connection is closed.';
const BUSY = 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';
const UNKILLABLE =
  'UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the ' +
  'script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.';
/** How long a paused script runs on each turn of the event loop (the rest of the turn answers BUSY). */
const BUSY_SLICE_MS = 50;
export const REPORTED_VERSION = '7.2.0';

/** The server side of one client connection. */
export class ServerConnection {
  readonly info: ClientInfo;
  readonly ctx: CommandContext;
  closed = false;
  constructor(info: ClientInfo, ctx: CommandContext) {
    this.info = info;
    this.ctx = ctx;
  }
}

type Job = {
  conn: ServerConnection;
  /** Lower-case command name and first argument ('script', 'KILL'): what a busy server still accepts. */
  command: string;
  firstArg: string | undefined;
  run: () => Reply | Blocked | Paused;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
};

type Waiter = {
  conn: ServerConnection;
  db: Database;
  blocked: Blocked;
  timer: TimerHandle | undefined;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
};

/** A script past its busy threshold: paused between slices, its client's later commands held back. */
type BusyScript = { job: Job; paused: Paused; held: Job[]; done: () => void };

const servers = new Map<string, MemoryServer>();

export class MemoryServer {
  /** Clients with the same host and port share one server, as they would share one Redis. */
  static at(host: string, port: number): MemoryServer {
    const address = `${host}:${port}`;
    let server = servers.get(address);
    if (!server) {
      server = new MemoryServer(address);
      servers.set(address, server);
    }
    return server;
  }

  readonly address: string;
  private readonly dbs: Database[] = [];
  private lua: LuaEngine | undefined;
  private readonly connections = new Set<ServerConnection>();
  private queue: Job[] = [];
  private scheduled = false;
  private readonly waiters: Waiter[] = [];
  private nextClientId = 1;
  private frozenNow: number | undefined;
  private readonly startedAt = realNow();
  private commandsProcessed = 0;
  private readonly api: ServerApi;
  private busy: BusyScript | undefined;
  private busyThresholdMs = DEFAULT_BUSY_THRESHOLD_MS;

  private constructor(address: string) {
    this.address = address;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the api object's accessors need the server
    const server = this;
    this.api = {
      selectDb: (i) => this.db(i),
      flushAll: () => this.dbs.forEach((db) => db.flush()),
      clients: () => [...this.connections].map((c) => c.info),
      info: (section) => this.info(section),
      evalScript: (ctx, source, sha, keys, argv) => this.evalScript(ctx, source, sha, keys, argv),
      loadScript: (source) => this.engine().load(source),
      scriptExists: (sha) => this.engine().has(sha),
      flushScripts: () => this.engine().flush(),
      now: () => this.now(),
      scanCursors: new ScanCursors(),
      get busyThresholdMs() {
        return server.busyThresholdMs;
      },
      set busyThresholdMs(ms: number) {
        server.busyThresholdMs = ms;
        if (server.lua) server.lua.busyThresholdMs = ms;
      },
    };
  }

  now(): number {
    return this.frozenNow ?? realNow();
  }

  db(index: number): Database {
    let db = this.dbs[index];
    if (!db) {
      db = new Database();
      db.now = () => this.now();
      this.dbs[index] = db;
    }
    return db;
  }

  private engine(): LuaEngine {
    if (!this.lua) {
      this.lua = new LuaEngine();
      this.lua.busyThresholdMs = this.busyThresholdMs;
    }
    return this.lua;
  }

  knowsScript(sha: string): boolean {
    return this.lua?.has(sha) ?? false;
  }

  private readonly warmup = new ScriptWarmup(() => this.engine());

  /** A client defined a script (defineCommand): compile it ahead of its first call (see script-warmup.ts). */
  precompile(name: string, source: string): void {
    this.warmup.add(name, source);
  }

  connect(name: string, dbIndex: number): ServerConnection {
    const info: ClientInfo = { id: this.nextClientId++, name, db: dbIndex, createdAt: realNow(), lastCommand: 'NULL' };
    const conn = new ServerConnection(info, { db: this.db(dbIndex), client: info, atomic: false, server: this.api });
    this.connections.add(conn);
    return conn;
  }

  /** Closes a connection: its blocked and queued commands fail with "Connection is closed.". */
  disconnect(conn: ServerConnection): void {
    if (conn.closed) return;
    conn.closed = true;
    this.connections.delete(conn);
    for (const w of [...this.waiters]) {
      if (w.conn === conn) {
        this.unblock(w);
        w.reject(new Error(CONNECTION_CLOSED));
      }
    }
  }

  /** Queues one command; the reply comes on a later macrotask. */
  send(conn: ServerConnection | undefined, name: string, args: string[]): Promise<Reply> {
    return this.enqueue(conn, name, args[0], () => this.execute(conn!.ctx, name, args));
  }

  /** Queues MULTI/EXEC or a pipeline: all commands run back to back; errors are per command. */
  sendBatch(conn: ServerConnection | undefined, batch: [string, string[]][]): Promise<Reply> {
    return this.enqueue(conn, 'multi', undefined, () => {
      const ctx = { ...conn!.ctx, atomic: true };
      const replies = batch.map(([name, args]): Reply => {
        try {
          const reply = this.execute(ctx, name, args);
          return reply instanceof Blocked || reply instanceof Paused ? null : reply;
        } catch (error) {
          return error instanceof RedisError ? error : new RedisError(`ERR ${(error as Error).message}`);
        }
      });
      conn!.ctx.db = ctx.db;
      return replies;
    });
  }

  private enqueue(
    conn: ServerConnection | undefined,
    command: string,
    firstArg: string | undefined,
    run: () => Reply | Blocked | Paused,
  ): Promise<Reply> {
    if (!conn || conn.closed) return Promise.reject(new Error(CONNECTION_CLOSED));
    return new Promise((resolve, reject) => {
      this.queue.push({ conn, command, firstArg, run, resolve, reject });
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    scheduleMacrotask(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    // Each job settles on its own: nothing one client sent can keep another's commands from running.
    for (const job of jobs) {
      if (job.conn.closed) {
        job.reject(new Error(CONNECTION_CLOSED));
        continue;
      }
      if (this.busy) {
        this.whileBusy(job);
        continue;
      }
      try {
        const reply = job.run();
        if (reply instanceof Blocked) this.block(job, reply);
        else if (reply instanceof Paused) this.becomeBusy(job, reply);
        else job.resolve(reply);
      } catch (error) {
        job.reject(error instanceof Error ? error : new Error(String(error)));
      }
      this.serveBlocked();
    }
  }

  /** Runs one command for a client or a script. Throws RedisError for error replies. */
  private execute(ctx: CommandContext, name: string, args: string[]): Reply | Blocked | Paused {
    const spec = commands[name];
    if (!spec) {
      const start = args
        .slice(0, 3)
        .map((a) => `'${a}'`)
        .join(' ');
      throw new RedisError(`ERR unknown command '${name}', with args beginning with: ${start}`);
    }
    if (!checkArity(spec, args.length)) throw new RedisError(`ERR wrong number of arguments for '${name}' command`);
    return this.run(spec, ctx, name, args);
  }

  /** Runs a command whose name and arity have been checked. */
  private run(spec: CommandSpec, ctx: CommandContext, name: string, args: string[]): Reply | Blocked | Paused {
    ctx.client.lastCommand = name;
    this.commandsProcessed++;
    try {
      return spec.fn(ctx, args);
    } catch (error) {
      if (error instanceof RedisError) throw error;
      if (error instanceof WrongTypeError) throw new RedisError(error.message);
      throw new RedisError(`ERR memory-redis failed on ${name.toUpperCase()}: ${(error as Error).message}`);
    }
  }

  private evalScript(
    ctx: CommandContext,
    source: string | undefined,
    sha: string,
    keys: string[],
    argv: string[],
  ): Reply | Paused {
    const scriptCtx: CommandContext = { ...ctx, atomic: true };
    let wrote = false;
    const host = (name: string, args: string[]): Reply => {
      const spec = commands[name];
      if (!spec) throw new RedisError('ERR Unknown Redis command called from script');
      if (spec.noScript) throw new RedisError('ERR This Redis command is not allowed from script');
      if (!checkArity(spec, args.length))
        throw new RedisError('ERR Wrong number of args calling Redis command from script');
      if (WRITE_COMMANDS.has(name)) wrote = true;
      const reply = this.run(spec, scriptCtx, name, args);
      return reply instanceof Blocked || reply instanceof Paused ? null : reply;
    };
    // Like Redis, a script sees one frozen clock, so keys cannot expire half-way through it.
    const outer = this.frozenNow;
    this.frozenNow ??= realNow();
    const done = () => {
      this.frozenNow = outer;
      ctx.db = scriptCtx.db;
    };
    let result: Reply | PausedScript | undefined;
    try {
      // Only a script started on its own can pause: inside MULTI, a pipeline or another script, it is stopped.
      result = this.engine().run(host, sha, source, keys, argv, !ctx.atomic);
    } finally {
      if (!(result && !isReply(result))) done();
    }
    if (result instanceof RedisError) throw result;
    if (!isReply(result)) {
      const paused = new Paused(result, () => wrote);
      this.pausedDone.set(paused, done);
      return paused;
    }
    return result;
  }

  private readonly pausedDone = new WeakMap<Paused, () => void>();

  /** The script of `job` paused past its threshold: hold the server for it and run it on in slices. */
  private becomeBusy(job: Job, paused: Paused): void {
    this.busy = { job, paused, held: [], done: this.pausedDone.get(paused) ?? (() => {}) };
    scheduleMacrotask(() => this.continueScript());
  }

  /** What a busy server does with a command: SCRIPT KILL, hold the script's own client, BUSY for the rest. */
  private whileBusy(job: Job): void {
    const busy = this.busy!;
    if (job.conn === busy.job.conn) {
      busy.held.push(job); // its client waits for the script's reply first, as on a socket
      return;
    }
    if (job.command === 'script' && job.firstArg?.toUpperCase() === 'KILL') {
      if (busy.paused.wrote()) return job.reject(new RedisError(UNKILLABLE));
      this.finishScript(busy.paused.script.kill());
      return job.resolve(OK);
    }
    job.reject(new RedisError(BUSY));
  }

  private continueScript(): void {
    const busy = this.busy;
    if (!busy) return;
    let outcome: Reply | PausedScript;
    try {
      outcome = busy.paused.script.resume(BUSY_SLICE_MS);
    } catch (error) {
      outcome = error instanceof RedisError ? error : new RedisError(`ERR ${(error as Error).message}`);
    }
    if (!isReply(outcome)) {
      scheduleMacrotask(() => this.continueScript());
      return;
    }
    this.finishScript(outcome);
  }

  /** The busy script ended (or was killed): answer its client, then serve what waited. */
  private finishScript(reply: Reply): void {
    const busy = this.busy!;
    this.busy = undefined;
    busy.done();
    if (reply instanceof RedisError) busy.job.reject(reply);
    else busy.job.resolve(reply);
    this.serveBlocked();
    this.queue.unshift(...busy.held);
    if (this.queue.length > 0) this.scheduleDrain();
  }

  private block(job: Job, blocked: Blocked): void {
    const waiter: Waiter = {
      conn: job.conn,
      db: job.conn.ctx.db,
      blocked,
      timer: undefined,
      resolve: job.resolve,
      reject: job.reject,
    };
    if (blocked.timeoutMs > 0) {
      waiter.timer = startTimer(() => {
        this.unblock(waiter);
        waiter.resolve(null);
      }, blocked.timeoutMs);
    }
    this.waiters.push(waiter);
  }

  private unblock(waiter: Waiter): void {
    if (waiter.timer !== undefined) stopTimer(waiter.timer);
    const i = this.waiters.indexOf(waiter);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  /** Serves blocked clients, oldest first, whose keys were touched; repeats while that changes data. */
  private serveBlocked(): void {
    for (;;) {
      let served = false;
      for (const db of this.dbs) {
        if (!db || db.touched.size === 0) continue;
        if (this.waiters.length === 0) {
          db.touched.clear();
          continue;
        }
        const touched = [...db.touched];
        db.touched.clear();
        for (const w of [...this.waiters]) {
          if (w.db !== db || !w.blocked.keys.some((k) => touched.includes(k))) continue;
          let reply: Reply | undefined;
          try {
            reply = w.blocked.retry();
          } catch (error) {
            this.unblock(w);
            w.reject(error as Error);
            continue;
          }
          if (reply !== undefined) {
            this.unblock(w);
            w.resolve(reply);
            served = true;
          }
        }
      }
      if (!served) return;
    }
  }

  private info(section?: string): string {
    const uptime = Math.floor((realNow() - this.startedAt) / 1000);
    const port = this.address.split(':').pop();
    const sections: Record<string, string[]> = {
      server: [
        `redis_version:${REPORTED_VERSION}`,
        'redis_mode:standalone',
        'os:@async-lab/memory-redis (in-process, in-memory)',
        'arch_bits:64',
        'process_id:1',
        `tcp_port:${port}`,
        `uptime_in_seconds:${uptime}`,
        `uptime_in_days:${Math.floor(uptime / 86400)}`,
      ],
      clients: [`connected_clients:${this.connections.size}`, `blocked_clients:${this.waiters.length}`],
      memory: ['used_memory:0', 'maxmemory:0', 'maxmemory_policy:noeviction'],
      stats: [`total_commands_processed:${this.commandsProcessed}`],
      keyspace: this.dbs.flatMap((db, i) => {
        const keys = db?.keys().length ?? 0;
        return keys > 0 ? [`db${i}:keys=${keys},expires=${db!.expires.size},avg_ttl=0`] : [];
      }),
    };
    const wanted = section?.toLowerCase();
    return Object.entries(sections)
      .filter(
        ([name]) => !wanted || wanted === 'all' || wanted === 'everything' || wanted === 'default' || wanted === name,
      )
      .map(([name, lines]) => `# ${name[0]!.toUpperCase()}${name.slice(1)}\r\n${lines.join('\r\n')}\r\n`)
      .join('\r\n');
  }

  /** SHA1 of a script source, as EVALSHA expects it. */
  static sha(source: string): string {
    return scriptSha(source);
  }
}

function isReply(value: Reply | PausedScript | undefined): value is Reply {
  return (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    value instanceof RedisError ||
    value instanceof Status
  );
}
