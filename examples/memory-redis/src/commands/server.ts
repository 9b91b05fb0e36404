// Connection and server commands: PING, TIME, INFO, CLIENT, SELECT, CONFIG, FLUSH*, SCRIPT, EVAL.
import { OK, RedisError, Status, parseInteger, syntaxError } from './types.ts';
import type { CommandContext, CommandSpec, Reply } from './types.ts';
import { scriptSha } from '../util/sha1.ts';
import { monotonic } from '../util/real-clock.ts';

function clientLine(
  c: { id: number; name: string; db: number; createdAt: number; lastCommand: string },
  now: number,
): string {
  const age = Math.floor((now - c.createdAt) / 1000);
  return `id=${c.id} addr=memory:${c.id} laddr=memory:0 fd=-1 name=${c.name} age=${age} idle=0 flags=N db=${c.db} sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=${c.lastCommand} user=default redir=-1 resp=2`;
}

function client(ctx: CommandContext, [sub, ...args]: string[]): Reply {
  switch (sub?.toUpperCase()) {
    case 'SETNAME':
      if (args[0] === undefined || /\s/.test(args[0])) {
        throw new RedisError('ERR Client names cannot contain spaces, newlines or special characters.');
      }
      ctx.client.name = args[0];
      return OK;
    case 'GETNAME':
      return ctx.client.name === '' ? null : ctx.client.name;
    case 'ID':
      return ctx.client.id;
    case 'LIST':
      return (
        ctx.server
          .clients()
          .map((c) => clientLine(c, ctx.server.now()))
          .join('\n') + '\n'
      );
    case 'INFO':
      return clientLine(ctx.client, ctx.server.now()) + '\n';
    case 'SETINFO':
      return OK;
    default:
      throw new RedisError(`ERR unknown subcommand '${sub ?? ''}'. Try CLIENT HELP.`);
  }
}

function script(ctx: CommandContext, [sub, ...args]: string[]): Reply {
  switch (sub?.toUpperCase()) {
    case 'LOAD':
      return ctx.server.loadScript(args[0] ?? '');
    case 'EXISTS':
      return args.map((sha) => (ctx.server.scriptExists(sha.toLowerCase()) ? 1 : 0));
    case 'FLUSH':
      ctx.server.flushScripts();
      return OK;
    case 'KILL':
      // A running script is killed by the server while it is busy; here nothing runs.
      throw new RedisError('NOTBUSY No scripts in execution right now.');
    default:
      throw new RedisError(`ERR unknown subcommand '${sub ?? ''}'. Try SCRIPT HELP.`);
  }
}

function evalArgs(args: string[]): { keys: string[]; argv: string[] } {
  const n = parseInteger(args[1]);
  if (n < 0) throw new RedisError("ERR Number of keys can't be negative");
  if (n > args.length - 2) throw new RedisError("ERR Number of keys can't be greater than number of args");
  return { keys: args.slice(2, 2 + n), argv: args.slice(2 + n) };
}

export const serverCommands: Record<string, CommandSpec> = {
  ping: { arity: -1, fn: (_ctx, [msg]) => (msg === undefined ? new Status('PONG') : msg) },
  echo: { arity: 2, fn: (_ctx, [msg]) => msg! },
  time: {
    arity: 1,
    fn: (ctx) => {
      const ms = ctx.server.now();
      const micros = Math.floor((monotonic() % 1) * 1000);
      return [String(Math.floor(ms / 1000)), String((ms % 1000) * 1000 + micros)];
    },
  },
  info: { arity: -1, fn: (ctx, [section]) => ctx.server.info(section) },
  client: { arity: -2, fn: client, noScript: true },
  select: {
    arity: 2,
    fn: (ctx, [index]) => {
      const n = parseInteger(index);
      if (n < 0 || n > 15) throw new RedisError('ERR DB index is out of range');
      ctx.client.db = n;
      ctx.db = ctx.server.selectDb(n);
      return OK;
    },
  },
  flushdb: {
    arity: -1,
    fn: (ctx) => {
      ctx.db.flush();
      return OK;
    },
  },
  flushall: {
    arity: -1,
    fn: (ctx) => {
      ctx.server.flushAll();
      return OK;
    },
  },
  config: {
    arity: -2,
    noScript: true,
    fn: (ctx, [sub, name, value]) => {
      const op = sub?.toUpperCase();
      const parameter = name?.toLowerCase();
      if (op === 'SET') {
        if (parameter === 'busy-reply-threshold' || parameter === 'lua-time-limit') {
          const ms = parseInteger(value);
          if (ms < 0) throw new RedisError(`ERR CONFIG SET failed (possibly related to argument '${name}')`);
          ctx.server.busyThresholdMs = ms;
        }
        return OK; // other parameters are accepted and ignored
      }
      if (op !== 'GET' || parameter === undefined) throw syntaxError();
      const known: Record<string, string> = {
        'maxmemory-policy': 'noeviction',
        maxmemory: '0',
        databases: '16',
        'busy-reply-threshold': String(ctx.server.busyThresholdMs),
        'lua-time-limit': String(ctx.server.busyThresholdMs),
      };
      return Object.entries(known).flatMap(([k, v]) => (parameter === '*' || parameter === k ? [k, v] : []));
    },
  },
  script: { arity: -2, fn: script, noScript: true },
  eval: {
    arity: -3,
    noScript: true,
    fn: (ctx, args) => {
      const { keys, argv } = evalArgs(args);
      const source = args[0]!;
      return ctx.server.evalScript(ctx, source, scriptSha(source), keys, argv);
    },
  },
  evalsha: {
    arity: -3,
    noScript: true,
    fn: (ctx, args) => {
      const { keys, argv } = evalArgs(args);
      return ctx.server.evalScript(ctx, undefined, args[0]!.toLowerCase(), keys, argv);
    },
  },
};
