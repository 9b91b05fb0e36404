// Sorted-set commands, including the blocking BZPOPMIN BullMQ workers wait on.
import type { SortedSet, ZEntry } from '../store/sorted-set.ts';
import { formatDouble } from '../util/number-format.ts';
import { Blocked, RedisError, clampRange, parseFloatArg, parseInteger, syntaxError } from './types.ts';
import type { CommandContext, CommandSpec, Reply } from './types.ts';

type ScoreBound = { value: number; exclusive: boolean };
type LexBound = { value: string; exclusive: boolean } | '-' | '+';

function parseScoreBound(s: string | undefined): ScoreBound {
  if (s === undefined) throw syntaxError();
  const exclusive = s.startsWith('(');
  const text = exclusive ? s.slice(1) : s;
  try {
    return { value: parseFloatArg(text), exclusive };
  } catch {
    throw new RedisError('ERR min or max is not a float');
  }
}

function parseLexBound(s: string | undefined): LexBound {
  if (s === '-' || s === '+') return s;
  if (s?.startsWith('(')) return { value: s.slice(1), exclusive: true };
  if (s?.startsWith('[')) return { value: s.slice(1), exclusive: false };
  throw new RedisError('ERR min or max not valid string range item');
}

function withScores(entries: ZEntry[], scores: boolean): string[] {
  if (!scores) return entries.map((e) => e.member);
  const out: string[] = [];
  for (const e of entries) out.push(e.member, formatDouble(e.score));
  return out;
}

/** Ranks [from, to) of entries whose score lies within min..max. */
function scoreRanks(z: SortedSet, min: ScoreBound, max: ScoreBound): [number, number] {
  const from = z.rankOfScore(min.value, min.exclusive);
  const to = z.rankOfScore(max.value, !max.exclusive);
  return [from, Math.max(from, to)];
}

function lexRanks(z: SortedSet, min: LexBound, max: LexBound): [number, number] {
  const from = min === '-' ? 0 : min === '+' ? z.size : z.rankOfLex(min.value, min.exclusive);
  const to = max === '+' ? z.size : max === '-' ? 0 : z.rankOfLex(max.value, !max.exclusive);
  return [from, Math.max(from, to)];
}

function parseLimit(args: string[], from: number): { offset: number; count: number; scores: boolean } {
  let offset = 0,
    count = -1,
    scores = false;
  for (let i = from; i < args.length; i++) {
    const opt = args[i]!.toUpperCase();
    if (opt === 'WITHSCORES') scores = true;
    else if (opt === 'LIMIT') {
      offset = parseInteger(args[++i]);
      count = parseInteger(args[++i]);
    } else throw syntaxError();
  }
  return { offset, count, scores };
}

function page(entries: ZEntry[], offset: number, count: number): ZEntry[] {
  if (offset < 0) return [];
  return entries.slice(offset, count < 0 ? undefined : offset + count);
}

function zadd(ctx: CommandContext, args: string[]): Reply {
  const key = args[0]!;
  let i = 1;
  let nx = false,
    xx = false,
    gt = false,
    lt = false,
    ch = false,
    incr = false;
  for (; i < args.length; i++) {
    const opt = args[i]!.toUpperCase();
    if (opt === 'NX') nx = true;
    else if (opt === 'XX') xx = true;
    else if (opt === 'GT') gt = true;
    else if (opt === 'LT') lt = true;
    else if (opt === 'CH') ch = true;
    else if (opt === 'INCR') incr = true;
    else break;
  }
  const pairs = args.slice(i);
  if (pairs.length === 0 || pairs.length % 2 !== 0) throw syntaxError();
  if (nx && (xx || gt || lt)) {
    throw new RedisError('ERR XX and NX options at the same time are not compatible');
  }
  if (incr && pairs.length !== 2) throw new RedisError('ERR INCR option supports a single increment-element pair');
  const scores = [];
  for (let j = 0; j < pairs.length; j += 2) scores.push(parseFloatArg(pairs[j]));
  const z = ctx.db.read(key, 'zset');
  if (!z && xx) return incr ? null : 0;
  const set = ctx.db.write(key, 'zset');
  let added = 0,
    changed = 0;
  let last: number | null = null;
  for (let j = 0; j < pairs.length; j += 2) {
    const member = pairs[j + 1]!;
    const old = set.score(member);
    let score = scores[j / 2]!;
    if (old === undefined ? xx : nx) {
      last = null;
      continue;
    }
    if (incr && old !== undefined) score += old;
    if (old !== undefined && ((gt && score <= old) || (lt && score >= old))) {
      last = null;
      continue;
    }
    if (Number.isNaN(score)) throw new RedisError('ERR resulting score is not a number (NaN)');
    if (old === undefined) added++;
    else if (old !== score) changed++;
    set.add(member, score);
    last = score;
  }
  ctx.db.dropIfEmpty(key);
  if (incr) return last === null ? null : formatDouble(last);
  return ch ? added + changed : added;
}

function popMin(ctx: CommandContext, key: string, count: number, max = false): string[] {
  const z = ctx.db.read(key, 'zset');
  const out: string[] = [];
  if (!z) return out;
  for (let i = 0; i < count && z.size > 0; i++) {
    const e = (max ? z.last() : z.first())!;
    z.remove(e.member);
    out.push(e.member, formatDouble(e.score));
  }
  ctx.db.dropIfEmpty(key);
  return out;
}

function removeRanks(ctx: CommandContext, key: string, from: number, to: number): number {
  const z = ctx.db.read(key, 'zset');
  if (!z || from > to) return 0;
  const victims = z.range(from, to);
  for (const e of victims) z.remove(e.member);
  ctx.db.dropIfEmpty(key);
  return victims.length;
}

function rangeByScore(ctx: CommandContext, args: string[], reverse: boolean): Reply {
  const z = ctx.db.read(args[0]!, 'zset');
  const min = parseScoreBound(reverse ? args[2] : args[1]);
  const max = parseScoreBound(reverse ? args[1] : args[2]);
  const { offset, count, scores } = parseLimit(args, 3);
  if (!z) return [];
  const [from, to] = scoreRanks(z, min, max);
  const entries = z.range(from, to - 1);
  if (reverse) entries.reverse();
  return withScores(page(entries, offset, count), scores);
}

function rangeByLex(ctx: CommandContext, args: string[], reverse: boolean): Reply {
  const z = ctx.db.read(args[0]!, 'zset');
  const min = parseLexBound(reverse ? args[2] : args[1]);
  const max = parseLexBound(reverse ? args[1] : args[2]);
  const { offset, count } = parseLimit(args, 3);
  if (!z) return [];
  const [from, to] = lexRanks(z, min, max);
  const entries = z.range(from, to - 1);
  if (reverse) entries.reverse();
  return page(entries, offset, count).map((e) => e.member);
}

function zrange(ctx: CommandContext, args: string[], reverse: boolean): Reply {
  const z = ctx.db.read(args[0]!, 'zset');
  let scores = false;
  for (const opt of args.slice(3)) {
    if (opt.toUpperCase() === 'WITHSCORES') scores = true;
    else if (opt.toUpperCase() === 'BYSCORE')
      return rangeByScore(
        ctx,
        args.filter((a) => a.toUpperCase() !== 'BYSCORE'),
        reverse,
      );
    else if (opt.toUpperCase() === 'BYLEX')
      return rangeByLex(
        ctx,
        args.filter((a) => a.toUpperCase() !== 'BYLEX'),
        reverse,
      );
    else if (opt.toUpperCase() === 'REV') reverse = !reverse;
    else throw syntaxError();
  }
  const start = parseInteger(args[1]);
  const stop = parseInteger(args[2]);
  if (!z) return [];
  const [from, to] = clampRange(start, stop, z.size);
  if (from > to) return [];
  const entries = reverse ? z.range(z.size - 1 - to, z.size - 1 - from).reverse() : z.range(from, to);
  return withScores(entries, scores);
}

export const sortedSetCommands: Record<string, CommandSpec> = {
  zadd: { arity: -4, fn: zadd },
  zincrby: { arity: 4, fn: (ctx, [key, by, member]) => zadd(ctx, [key!, 'INCR', by!, member!]) },
  zrem: {
    arity: -3,
    fn: ({ db }, [key, ...members]) => {
      const z = db.read(key!, 'zset');
      if (!z) return 0;
      let n = 0;
      for (const m of members) if (z.remove(m)) n++;
      db.dropIfEmpty(key!);
      return n;
    },
  },
  zscore: {
    arity: 3,
    fn: ({ db }, [key, member]) => {
      const s = db.read(key!, 'zset')?.score(member!);
      return s === undefined ? null : formatDouble(s);
    },
  },
  zmscore: {
    arity: -3,
    fn: ({ db }, [key, ...members]) => {
      const z = db.read(key!, 'zset');
      return members.map((m) => {
        const s = z?.score(m);
        return s === undefined ? null : formatDouble(s);
      });
    },
  },
  zcard: { arity: 2, fn: ({ db }, [key]) => db.read(key!, 'zset')?.size ?? 0 },
  zcount: {
    arity: 4,
    fn: ({ db }, [key, min, max]) => {
      const z = db.read(key!, 'zset');
      const lo = parseScoreBound(min),
        hi = parseScoreBound(max);
      if (!z) return 0;
      const [from, to] = scoreRanks(z, lo, hi);
      return to - from;
    },
  },
  zlexcount: {
    arity: 4,
    fn: ({ db }, [key, min, max]) => {
      const z = db.read(key!, 'zset');
      const lo = parseLexBound(min),
        hi = parseLexBound(max);
      if (!z) return 0;
      const [from, to] = lexRanks(z, lo, hi);
      return to - from;
    },
  },
  zrank: { arity: 3, fn: ({ db }, [key, m]) => db.read(key!, 'zset')?.rank(m!) ?? null },
  zrevrank: {
    arity: 3,
    fn: ({ db }, [key, m]) => {
      const z = db.read(key!, 'zset');
      const r = z?.rank(m!);
      return r === undefined ? null : z!.size - 1 - r;
    },
  },
  zrange: { arity: -4, fn: (ctx, args) => zrange(ctx, args, false) },
  zrevrange: { arity: -4, fn: (ctx, args) => zrange(ctx, args, true) },
  zrangebyscore: { arity: -4, fn: (ctx, args) => rangeByScore(ctx, args, false) },
  zrevrangebyscore: { arity: -4, fn: (ctx, args) => rangeByScore(ctx, args, true) },
  zrangebylex: { arity: -4, fn: (ctx, args) => rangeByLex(ctx, args, false) },
  zrevrangebylex: { arity: -4, fn: (ctx, args) => rangeByLex(ctx, args, true) },
  zpopmin: {
    arity: -2,
    fn: (ctx, [key, count]) => popMin(ctx, key!, count === undefined ? 1 : parseInteger(count)),
  },
  zpopmax: {
    arity: -2,
    fn: (ctx, [key, count]) => popMin(ctx, key!, count === undefined ? 1 : parseInteger(count), true),
  },
  zremrangebyscore: {
    arity: 4,
    fn: (ctx, [key, min, max]) => {
      const z = ctx.db.read(key!, 'zset');
      const lo = parseScoreBound(min),
        hi = parseScoreBound(max);
      if (!z) return 0;
      const [from, to] = scoreRanks(z, lo, hi);
      return removeRanks(ctx, key!, from, to - 1);
    },
  },
  zremrangebyrank: {
    arity: 4,
    fn: (ctx, [key, start, stop]) => {
      const z = ctx.db.read(key!, 'zset');
      if (!z) return 0;
      const [from, to] = clampRange(parseInteger(start), parseInteger(stop), z.size);
      return removeRanks(ctx, key!, from, to);
    },
  },
  bzpopmin: {
    arity: -3,
    fn: (ctx, args) => {
      const keys = args.slice(0, -1);
      const timeout = parseFloatArg(args[args.length - 1], 'timeout is not a float or out of range');
      if (timeout < 0) throw new RedisError('ERR timeout is negative');
      const attempt = (): Reply | undefined => {
        for (const key of keys) {
          const popped = popMin(ctx, key, 1);
          if (popped.length > 0) return [key, ...popped];
        }
        return undefined;
      };
      const now = attempt();
      if (now !== undefined || ctx.atomic) return now ?? null;
      return new Blocked(keys, timeout * 1000, attempt);
    },
  },
};
