// SCAN, HSCAN, SSCAN and ZSCAN. Large collections page through a live iterator (store/scan-cursors.ts),
// so an element present for the whole scan is always returned. Small collections, which Redis 7.2 keeps
// listpack- or intset-encoded, come back whole in one reply with cursor 0, as Redis returns them.
import { typeOf } from '../store/database.ts';
import type { SortedSet } from '../store/sorted-set.ts';
import { globToRegExp } from '../util/glob.ts';
import { formatDouble } from '../util/number-format.ts';
import { RedisError, parseInteger, syntaxError } from './types.ts';
import type { CommandContext, CommandSpec, Reply } from './types.ts';

// Redis 7.2's defaults: hash-/set-/zset-max-listpack-entries 128, *-max-listpack-value 64,
// set-max-intset-entries 512.
const LISTPACK_ENTRIES = 128;
const LISTPACK_VALUE = 64;
const INTSET_ENTRIES = 512;

type ScanOptions = { match: RegExp | undefined; count: number; type: string | undefined };

function parseCursor(arg: string | undefined): string {
  if (arg === undefined || !/^\d+$/.test(arg)) throw new RedisError('ERR invalid cursor');
  return arg.replace(/^0+(?=\d)/, '');
}

function parseOptions(args: string[], from: number, allowType: boolean): ScanOptions {
  const options: ScanOptions = { match: undefined, count: 10, type: undefined };
  for (let i = from; i < args.length; i += 2) {
    const opt = args[i]!.toUpperCase();
    const value = args[i + 1];
    if (value === undefined) throw syntaxError();
    if (opt === 'MATCH') options.match = globToRegExp(value);
    else if (opt === 'COUNT') {
      options.count = parseInteger(value);
      if (options.count < 1) throw syntaxError();
    } else if (opt === 'TYPE' && allowType) options.type = value.toLowerCase();
    else throw syntaxError();
  }
  return options;
}

/** Visits up to `count` items from where `cursor` left off; returns the next cursor ('0' when done). */
function page<T>(
  ctx: CommandContext,
  cursor: string,
  target: object,
  start: () => Iterator<T>,
  count: number,
  visit: (item: T) => void,
): string {
  const iterator = ctx.server.scanCursors.resume(cursor, target, start);
  for (let i = 0; i < count; i++) {
    const step = iterator.next();
    if (step.done) return '0';
    visit(step.value);
  }
  return ctx.server.scanCursors.park(target, iterator);
}

const fits = (s: string) => s.length <= LISTPACK_VALUE;

function isInt64(s: string): boolean {
  if (!/^(0|-?[1-9]\d{0,18})$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

function scan(ctx: CommandContext, args: string[]): Reply {
  const cursor = parseCursor(args[0]);
  const { match, count, type } = parseOptions(args, 1, true);
  const { db } = ctx;
  const found: string[] = [];
  const next = page(
    ctx,
    cursor,
    db.values,
    () => db.values.keys(),
    count,
    (key) => {
      const value = db.get(key);
      if (value === undefined) return;
      if ((!match || match.test(key)) && (!type || typeOf(value) === type)) found.push(key);
    },
  );
  return [next, found];
}

function hscan(ctx: CommandContext, args: string[]): Reply {
  const hash = ctx.db.read(args[0]!, 'hash');
  const cursor = parseCursor(args[1]);
  const { match, count } = parseOptions(args, 2, false);
  const found: string[] = [];
  const take = ([field, value]: [string, string]) => {
    if (!match || match.test(field)) found.push(field, value);
  };
  if (!hash) return ['0', found];
  if (hash.size <= LISTPACK_ENTRIES && [...hash].every(([f, v]) => fits(f) && fits(v))) {
    hash.forEach((value, field) => take([field, value]));
    return ['0', found];
  }
  return [page(ctx, cursor, hash, () => hash.entries(), count, take), found];
}

function sscan(ctx: CommandContext, args: string[]): Reply {
  const set = ctx.db.read(args[0]!, 'set');
  const cursor = parseCursor(args[1]);
  const { match, count } = parseOptions(args, 2, false);
  const found: string[] = [];
  const take = (member: string) => {
    if (!match || match.test(member)) found.push(member);
  };
  if (!set) return ['0', found];
  const members = [...set];
  const intset = set.size <= INTSET_ENTRIES && members.every(isInt64);
  if (intset || (set.size <= LISTPACK_ENTRIES && members.every(fits))) {
    members.forEach(take);
    return ['0', found];
  }
  return [page(ctx, cursor, set, () => set.values(), count, take), found];
}

function zscan(ctx: CommandContext, args: string[]): Reply {
  const zset: SortedSet | undefined = ctx.db.read(args[0]!, 'zset');
  const cursor = parseCursor(args[1]);
  const { match, count } = parseOptions(args, 2, false);
  const found: string[] = [];
  const take = ([member, score]: [string, number]) => {
    if (!match || match.test(member)) found.push(member, formatDouble(score));
  };
  if (!zset) return ['0', found];
  if (zset.size <= LISTPACK_ENTRIES && [...zset.scores.keys()].every(fits)) {
    // A listpack keeps its entries in score order.
    for (const { member, score } of zset.range(0, zset.size - 1)) take([member, score]);
    return ['0', found];
  }
  return [page(ctx, cursor, zset, () => zset.scores.entries(), count, take), found];
}

export const scanCommands: Record<string, CommandSpec> = {
  scan: { arity: -2, fn: scan },
  hscan: { arity: -3, fn: hscan },
  sscan: { arity: -3, fn: sscan },
  zscan: { arity: -3, fn: zscan },
};
