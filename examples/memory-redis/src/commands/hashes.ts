// Hash commands.
import { formatDouble } from '../util/number-format.ts';
import { OK, RedisError, addInt64, parseFloatArg, parseInt64 } from './types.ts';
import type { CommandContext, CommandSpec } from './types.ts';

function hset(ctx: CommandContext, args: string[]): number {
  if (args.length < 3 || args.length % 2 === 0) {
    throw new RedisError(`ERR wrong number of arguments for 'hset' command`);
  }
  const hash = ctx.db.write(args[0]!, 'hash');
  let added = 0;
  for (let i = 1; i < args.length; i += 2) {
    if (!hash.has(args[i]!)) added++;
    hash.set(args[i]!, args[i + 1]!);
  }
  return added;
}

export const hashCommands: Record<string, CommandSpec> = {
  hset: { arity: -4, fn: hset },
  hmset: {
    arity: -4,
    fn: (ctx, args) => {
      hset(ctx, args);
      return OK;
    },
  },
  hsetnx: {
    arity: 4,
    fn: ({ db }, [key, field, value]) => {
      if (db.read(key!, 'hash')?.has(field!)) return 0;
      db.write(key!, 'hash').set(field!, value!);
      return 1;
    },
  },
  hget: { arity: 3, fn: ({ db }, [key, field]) => db.read(key!, 'hash')?.get(field!) ?? null },
  hmget: {
    arity: -3,
    fn: ({ db }, [key, ...fields]) => {
      const hash = db.read(key!, 'hash');
      return fields.map((f) => hash?.get(f) ?? null);
    },
  },
  hgetall: {
    arity: 2,
    fn: ({ db }, [key]) => {
      const hash = db.read(key!, 'hash');
      const out: string[] = [];
      if (hash) for (const [f, v] of hash) out.push(f, v);
      return out;
    },
  },
  hkeys: { arity: 2, fn: ({ db }, [key]) => [...(db.read(key!, 'hash')?.keys() ?? [])] },
  hvals: { arity: 2, fn: ({ db }, [key]) => [...(db.read(key!, 'hash')?.values() ?? [])] },
  hlen: { arity: 2, fn: ({ db }, [key]) => db.read(key!, 'hash')?.size ?? 0 },
  hexists: { arity: 3, fn: ({ db }, [key, field]) => (db.read(key!, 'hash')?.has(field!) ? 1 : 0) },
  hdel: {
    arity: -3,
    fn: ({ db }, [key, ...fields]) => {
      const hash = db.read(key!, 'hash');
      if (!hash) return 0;
      let n = 0;
      for (const f of fields) if (hash.delete(f)) n++;
      db.dropIfEmpty(key!);
      return n;
    },
  },
  hincrby: {
    arity: 4,
    fn: ({ db }, [key, field, by]) => {
      const hash = db.write(key!, 'hash');
      const current = hash.get(field!);
      const increment = parseInt64(by);
      const n = current === undefined ? 0n : parseInt64(current, 'hash value is not an integer');
      const next = addInt64(n, increment);
      hash.set(field!, String(next));
      return Number(next);
    },
  },
  hincrbyfloat: {
    arity: 4,
    fn: ({ db }, [key, field, by]) => {
      const hash = db.write(key!, 'hash');
      const current = hash.get(field!);
      const text = formatDouble((current === undefined ? 0 : parseFloatArg(current)) + parseFloatArg(by));
      hash.set(field!, text);
      return text;
    },
  },
  hstrlen: { arity: 3, fn: ({ db }, [key, field]) => db.read(key!, 'hash')?.get(field!)?.length ?? 0 },
};
