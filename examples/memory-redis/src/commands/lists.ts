// List commands.
import { Deque } from '../store/deque.ts';
import { Blocked, OK, RedisError, clampRange, parseFloatArg, parseInteger, syntaxError } from './types.ts';
import type { CommandContext, CommandSpec, Reply } from './types.ts';

function push(ctx: CommandContext, [key, ...values]: string[], front: boolean, onlyIfExists = false): number {
  if (onlyIfExists && !ctx.db.read(key!, 'list')) return 0;
  const list = ctx.db.write(key!, 'list');
  for (const v of values) front ? list.pushFront(v) : list.pushBack(v);
  return list.length;
}

function pop(ctx: CommandContext, [key, count]: string[], front: boolean): Reply {
  const list = ctx.db.read(key!, 'list');
  if (count !== undefined) {
    const n = parseInteger(count);
    if (n < 0) throw new RedisError('ERR value is out of range, must be positive');
    if (!list) return null;
    const out: string[] = [];
    for (let i = 0; i < n && list.length > 0; i++) out.push((front ? list.popFront() : list.popBack())!);
    ctx.db.dropIfEmpty(key!);
    return out;
  }
  if (!list) return null;
  const v = front ? list.popFront() : list.popBack();
  ctx.db.dropIfEmpty(key!);
  return v ?? null;
}

function move(ctx: CommandContext, source: string, dest: string, fromLeft: boolean, toLeft: boolean): Reply {
  const from = ctx.db.read(source, 'list');
  if (!from || from.length === 0) return null;
  ctx.db.read(dest, 'list'); // WRONGTYPE before popping, as Redis checks
  const v = (fromLeft ? from.popFront() : from.popBack())!;
  ctx.db.dropIfEmpty(source);
  const to = ctx.db.write(dest, 'list');
  toLeft ? to.pushFront(v) : to.pushBack(v);
  return v;
}

function side(word: string | undefined): boolean {
  const w = word?.toUpperCase();
  if (w === 'LEFT') return true;
  if (w === 'RIGHT') return false;
  throw syntaxError();
}

function lrem(ctx: CommandContext, [key, countArg, value]: string[]): number {
  const list = ctx.db.read(key!, 'list');
  if (!list) return 0;
  let count = parseInteger(countArg);
  let removed = 0;
  if (count >= 0) {
    for (let i = 0; i < list.length && (count === 0 || removed < count);) {
      if (list.at(i) === value) {
        list.removeAt(i);
        removed++;
      } else i++;
    }
  } else {
    count = -count;
    for (let i = list.length - 1; i >= 0 && removed < count; i--) {
      if (list.at(i) === value) {
        list.removeAt(i);
        removed++;
      }
    }
  }
  ctx.db.dropIfEmpty(key!);
  return removed;
}

function lpos(ctx: CommandContext, [key, value, ...opts]: string[]): Reply {
  let rank = 1;
  let count: number | undefined;
  let maxLen = 0;
  for (let i = 0; i < opts.length; i += 2) {
    const opt = opts[i]!.toUpperCase();
    const n = parseInteger(opts[i + 1]);
    if (opt === 'RANK') {
      if (n === 0)
        throw new RedisError(
          "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
        );
      rank = n;
    } else if (opt === 'COUNT') count = n;
    else if (opt === 'MAXLEN') maxLen = n;
    else throw syntaxError();
  }
  const list = ctx.db.read(key!, 'list') ?? new Deque();
  const found: number[] = [];
  const want = count === undefined ? 1 : count === 0 ? Infinity : count;
  let skip = Math.abs(rank) - 1;
  const n = list.length;
  for (let step = 0; step < n && (maxLen === 0 || step < maxLen) && found.length < want; step++) {
    const i = rank > 0 ? step : n - 1 - step;
    if (list.at(i) === value) {
      if (skip > 0) skip--;
      else found.push(i);
    }
  }
  if (count === undefined) return found[0] ?? null;
  return found;
}

export const listCommands: Record<string, CommandSpec> = {
  lpush: { arity: -3, fn: (ctx, args) => push(ctx, args, true) },
  rpush: { arity: -3, fn: (ctx, args) => push(ctx, args, false) },
  lpushx: { arity: -3, fn: (ctx, args) => push(ctx, args, true, true) },
  rpushx: { arity: -3, fn: (ctx, args) => push(ctx, args, false, true) },
  lpop: { arity: -2, fn: (ctx, args) => pop(ctx, args, true) },
  rpop: { arity: -2, fn: (ctx, args) => pop(ctx, args, false) },
  llen: { arity: 2, fn: ({ db }, [key]) => db.read(key!, 'list')?.length ?? 0 },
  lindex: {
    arity: 3,
    fn: ({ db }, [key, index]) => {
      const list = db.read(key!, 'list');
      if (!list) return null;
      let i = parseInteger(index);
      if (i < 0) i += list.length;
      return list.at(i) ?? null;
    },
  },
  lset: {
    arity: 4,
    fn: ({ db }, [key, index, value]) => {
      const list = db.read(key!, 'list');
      if (!list) throw new RedisError('ERR no such key');
      let i = parseInteger(index);
      if (i < 0) i += list.length;
      if (i < 0 || i >= list.length) throw new RedisError('ERR index out of range');
      list.set(i, value!);
      db.touched.add(key!);
      return OK;
    },
  },
  lrange: {
    arity: 4,
    fn: ({ db }, [key, start, stop]) => {
      const list = db.read(key!, 'list');
      if (!list) return [];
      const [from, to] = clampRange(parseInteger(start), parseInteger(stop), list.length);
      return list.slice(from, to + 1);
    },
  },
  ltrim: {
    arity: 4,
    fn: ({ db }, [key, start, stop]) => {
      const list = db.read(key!, 'list');
      if (!list) return OK;
      const [from, to] = clampRange(parseInteger(start), parseInteger(stop), list.length);
      list.replace(list.slice(from, to + 1));
      db.dropIfEmpty(key!);
      return OK;
    },
  },
  lrem: { arity: 4, fn: lrem },
  lpos: { arity: -3, fn: lpos },
  rpoplpush: { arity: 3, fn: (ctx, [src, dst]) => move(ctx, src!, dst!, false, true) },
  lmove: {
    arity: 5,
    fn: (ctx, [src, dst, from, to]) => move(ctx, src!, dst!, side(from), side(to)),
  },
  brpoplpush: {
    arity: 4,
    fn: (ctx, [src, dst, timeout]) => {
      const attempt = () => move(ctx, src!, dst!, false, true) ?? undefined;
      const now = attempt();
      if (now !== undefined || ctx.atomic) return now ?? null;
      return new Blocked([src!], parseFloatArg(timeout, 'timeout is not a float or out of range') * 1000, attempt);
    },
  },
};
