// Generic key commands: DEL, EXISTS, TYPE, expiry, RENAME, KEYS, SCAN.
import { typeOf } from '../store/database.ts';
import { globToRegExp } from '../util/glob.ts';
import { OK, RedisError, Status, parseInteger } from './types.ts';
import type { CommandContext, CommandSpec } from './types.ts';

function del({ db }: CommandContext, keys: string[]): number {
  let n = 0;
  for (const key of keys) if (db.delete(key)) n++;
  return n;
}

function setDeadline(ctx: CommandContext, key: string, deadlineMs: number): number {
  const { db } = ctx;
  if (!db.has(key)) return 0;
  if (deadlineMs <= ctx.server.now()) db.delete(key);
  else db.expires.set(key, deadlineMs);
  db.touched.add(key);
  return 1;
}

function ttl(ctx: CommandContext, key: string, unitMs: number): number {
  if (!ctx.db.has(key)) return -2;
  const deadline = ctx.db.expires.get(key);
  if (deadline === undefined) return -1;
  return Math.round((deadline - ctx.server.now()) / unitMs);
}

export const keyCommands: Record<string, CommandSpec> = {
  del: { arity: -2, fn: del },
  unlink: { arity: -2, fn: del },
  exists: {
    arity: -2,
    fn: ({ db }, keys) => keys.reduce((n, k) => n + (db.has(k) ? 1 : 0), 0),
  },
  type: { arity: 2, fn: ({ db }, [key]) => new Status(db.has(key!) ? typeOf(db.get(key!)!) : 'none') },
  expire: { arity: -3, fn: (ctx, [key, s]) => setDeadline(ctx, key!, ctx.server.now() + parseInteger(s) * 1000) },
  pexpire: { arity: -3, fn: (ctx, [key, ms]) => setDeadline(ctx, key!, ctx.server.now() + parseInteger(ms)) },
  expireat: { arity: -3, fn: (ctx, [key, s]) => setDeadline(ctx, key!, parseInteger(s) * 1000) },
  pexpireat: { arity: -3, fn: (ctx, [key, ms]) => setDeadline(ctx, key!, parseInteger(ms)) },
  persist: {
    arity: 2,
    fn: ({ db }, [key]) => (db.has(key!) && db.expires.delete(key!) ? 1 : 0),
  },
  ttl: { arity: 2, fn: (ctx, [key]) => ttl(ctx, key!, 1000) },
  pttl: { arity: 2, fn: (ctx, [key]) => ttl(ctx, key!, 1) },
  rename: {
    arity: 3,
    fn: ({ db }, [from, to]) => {
      const value = db.get(from!);
      if (value === undefined) throw new RedisError('ERR no such key');
      const deadline = db.expires.get(from!);
      db.delete(from!);
      db.delete(to!);
      db.values.set(to!, value);
      if (deadline !== undefined) db.expires.set(to!, deadline);
      db.touched.add(to!);
      return OK;
    },
  },
  keys: {
    arity: 2,
    fn: ({ db }, [pattern]) => {
      const re = globToRegExp(pattern!);
      return db.keys().filter((k) => re.test(k));
    },
  },
  dbsize: { arity: 1, fn: ({ db }) => db.keys().length },
};
