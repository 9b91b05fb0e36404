// String commands.
import { formatDouble } from '../util/number-format.ts';
import { OK, RedisError, addInt64, parseFloatArg, parseInt64, parseInteger, syntaxError } from './types.ts';
import type { CommandContext, CommandSpec, Reply } from './types.ts';

function set(ctx: CommandContext, args: string[]): Reply {
  const [key, value] = args as [string, string];
  let deadline: number | undefined;
  let nx = false,
    xx = false,
    get = false,
    keepTtl = false;
  for (let i = 2; i < args.length; i++) {
    const opt = args[i]!.toUpperCase();
    if (opt === 'NX') nx = true;
    else if (opt === 'XX') xx = true;
    else if (opt === 'GET') get = true;
    else if (opt === 'KEEPTTL') keepTtl = true;
    else if (opt === 'EX' || opt === 'PX' || opt === 'EXAT' || opt === 'PXAT') {
      const n = parseInteger(args[++i]);
      if (n <= 0) throw new RedisError(`ERR invalid expire time in 'set' command`);
      const now = ctx.server.now();
      deadline = opt === 'EX' ? now + n * 1000 : opt === 'PX' ? now + n : opt === 'EXAT' ? n * 1000 : n;
    } else throw syntaxError();
  }
  if (nx && xx) throw syntaxError();
  const old = get ? ctx.db.getString(key) : undefined;
  const exists = ctx.db.has(key);
  if ((nx && exists) || (xx && !exists)) return get ? (old ?? null) : null;
  ctx.db.setString(key, value, keepTtl);
  if (deadline !== undefined) ctx.db.expires.set(key, deadline);
  return get ? (old ?? null) : OK;
}

function incrBy(ctx: CommandContext, key: string, by: bigint): number {
  const current = ctx.db.getString(key);
  const next = addInt64(current === undefined ? 0n : parseInt64(current), by);
  ctx.db.setString(key, String(next), true);
  // An integer reply: ioredis, like Lua, reads it as a double.
  return Number(next);
}

export const stringCommands: Record<string, CommandSpec> = {
  get: { arity: 2, fn: ({ db }, [key]) => db.getString(key!) ?? null },
  set: { arity: -3, fn: set },
  setnx: { arity: 3, fn: (ctx, [k, v]) => (set(ctx, [k!, v!, 'NX']) === null ? 0 : 1) },
  setex: { arity: 4, fn: (ctx, [k, s, v]) => set(ctx, [k!, v!, 'EX', s!]) },
  psetex: { arity: 4, fn: (ctx, [k, ms, v]) => set(ctx, [k!, v!, 'PX', ms!]) },
  getdel: {
    arity: 2,
    fn: ({ db }, [key]) => {
      const v = db.getString(key!);
      if (v !== undefined) db.delete(key!);
      return v ?? null;
    },
  },
  mget: {
    arity: -2,
    fn: ({ db }, keys) =>
      keys.map((k) => {
        const v = db.get(k);
        return typeof v === 'string' ? v : null;
      }),
  },
  mset: {
    arity: -3,
    fn: ({ db }, args) => {
      if (args.length % 2 !== 0) throw new RedisError(`ERR wrong number of arguments for 'mset' command`);
      for (let i = 0; i < args.length; i += 2) db.setString(args[i]!, args[i + 1]!);
      return OK;
    },
  },
  incr: { arity: 2, fn: (ctx, [key]) => incrBy(ctx, key!, 1n) },
  decr: { arity: 2, fn: (ctx, [key]) => incrBy(ctx, key!, -1n) },
  incrby: { arity: 3, fn: (ctx, [key, by]) => incrBy(ctx, key!, parseInt64(by)) },
  decrby: {
    arity: 3,
    fn: (ctx, [key, by]) => {
      const n = parseInt64(by);
      // -(-2^63) does not fit in 64 bits; Redis says so before looking at the key.
      if (n === -(2n ** 63n)) throw new RedisError('ERR decrement would overflow');
      return incrBy(ctx, key!, -n);
    },
  },
  incrbyfloat: {
    arity: 3,
    fn: ({ db }, [key, by]) => {
      const current = db.getString(key!);
      const next = (current === undefined ? 0 : parseFloatArg(current)) + parseFloatArg(by);
      if (!Number.isFinite(next)) throw new RedisError('ERR increment would produce NaN or Infinity');
      const text = formatDouble(next);
      db.setString(key!, text, true);
      return text;
    },
  },
  append: {
    arity: 3,
    fn: ({ db }, [key, value]) => {
      const next = (db.getString(key!) ?? '') + value!;
      db.setString(key!, next, true);
      return next.length;
    },
  },
  strlen: { arity: 2, fn: ({ db }, [key]) => (db.getString(key!) ?? '').length },
};
