// Stream commands: XADD/XRANGE/XREVRANGE/XLEN/XTRIM/XDEL and XREAD with BLOCK (QueueEvents reads these).
import type { Stream, StreamEntry, StreamId } from '../store/stream.ts';
import { compareIds, formatId } from '../store/stream.ts';
import { Blocked, RedisError, parseInteger, syntaxError } from './types.ts';
import type { CommandContext, CommandSpec, Reply } from './types.ts';

const MAX_SEQ = Number.MAX_SAFE_INTEGER;
const INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';

function parseId(s: string | undefined, missingSeq: number): StreamId {
  if (s === undefined) throw syntaxError();
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) throw new RedisError(INVALID_ID);
  return { ms: Number(m[1]), seq: m[2] === undefined ? missingSeq : Number(m[2]) };
}

function parseRangeBound(s: string | undefined, isStart: boolean): { id: StreamId; exclusive: boolean } {
  if (s === '-') return { id: { ms: 0, seq: 0 }, exclusive: false };
  if (s === '+') return { id: { ms: Number.MAX_SAFE_INTEGER, seq: MAX_SEQ }, exclusive: false };
  const exclusive = s?.startsWith('(') ?? false;
  return { id: parseId(exclusive ? s!.slice(1) : s, isStart ? 0 : MAX_SEQ), exclusive };
}

function entryReply(e: StreamEntry): Reply {
  return [formatId(e.id), e.fields];
}

type Trim = { kind: 'maxlen' | 'minid'; threshold: string };

/** Parses [MAXLEN|MINID [=|~] threshold [LIMIT n]] starting at args[i]; returns the next index. */
function parseTrim(args: string[], i: number): { trim?: Trim; next: number } {
  const word = args[i]?.toUpperCase();
  if (word !== 'MAXLEN' && word !== 'MINID') return { next: i };
  i++;
  if (args[i] === '=' || args[i] === '~') i++;
  const threshold = args[i++];
  if (threshold === undefined) throw syntaxError();
  if (args[i]?.toUpperCase() === 'LIMIT') i += 2;
  return { trim: { kind: word === 'MAXLEN' ? 'maxlen' : 'minid', threshold }, next: i };
}

// Trimming is always exact here: Redis's "~" may keep a few more entries, never fewer.
function applyTrim(stream: Stream, trim: Trim): number {
  if (trim.kind === 'maxlen') {
    const n = parseInteger(trim.threshold);
    if (n < 0) throw new RedisError('ERR The MAXLEN argument must be >= 0.');
    return stream.trimToLength(n);
  }
  return stream.trimToMinId(parseId(trim.threshold, 0));
}

function xadd(ctx: CommandContext, args: string[]): Reply {
  const key = args[0]!;
  let i = 1;
  let noMkStream = false;
  if (args[i]?.toUpperCase() === 'NOMKSTREAM') {
    noMkStream = true;
    i++;
  }
  const { trim, next } = parseTrim(args, i);
  i = next;
  const idArg = args[i++];
  const fields = args.slice(i);
  if (idArg === undefined || fields.length === 0 || fields.length % 2 !== 0) {
    throw new RedisError(`ERR wrong number of arguments for 'xadd' command`);
  }
  const existing = ctx.db.read(key, 'stream');
  if (!existing && noMkStream) return null;
  const stream = existing ?? ctx.db.write(key, 'stream');
  const last = stream.lastId;
  let id: StreamId;
  if (idArg === '*') {
    // Ids never collide or go backwards, even if the clock does or many entries share a millisecond.
    const now = ctx.server.now();
    id = now > last.ms ? { ms: now, seq: 0 } : { ms: last.ms, seq: last.seq + 1 };
  } else if (/^\d+-\*$/.test(idArg)) {
    const ms = Number(idArg.slice(0, -2));
    id = ms === last.ms ? { ms, seq: last.seq + 1 } : { ms, seq: 0 };
  } else {
    id = parseId(idArg, 0);
  }
  if (id.ms === 0 && id.seq === 0) throw new RedisError('ERR The ID specified in XADD must be greater than 0-0');
  if (compareIds(id, last) <= 0 && stream.entriesAdded > 0) {
    throw new RedisError('ERR The ID specified in XADD is equal or smaller than the target stream top item');
  }
  stream.append({ id, fields });
  if (trim) applyTrim(stream, trim);
  ctx.db.touched.add(key);
  return formatId(id);
}

function range(ctx: CommandContext, args: string[], reverse: boolean): Reply {
  const stream = ctx.db.read(args[0]!, 'stream');
  let count = Infinity;
  if (args.length > 3) {
    if (args[3]!.toUpperCase() !== 'COUNT' || args[4] === undefined) throw syntaxError();
    count = parseInteger(args[4]);
  }
  const lo = parseRangeBound(reverse ? args[2] : args[1], true);
  const hi = parseRangeBound(reverse ? args[1] : args[2], false);
  if (!stream) return [];
  const min = lo.exclusive ? { ms: lo.id.ms, seq: lo.id.seq + 1 } : lo.id;
  const max = hi.exclusive
    ? hi.id.seq === 0
      ? { ms: hi.id.ms - 1, seq: MAX_SEQ }
      : { ms: hi.id.ms, seq: hi.id.seq - 1 }
    : hi.id;
  const entries = reverse ? stream.revRange(max, min, count) : stream.range(min, max, count);
  return entries.map(entryReply);
}

function xread(ctx: CommandContext, args: string[]): Reply | Blocked {
  let count = Infinity;
  let blockMs: number | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const opt = args[i]!.toUpperCase();
    if (opt === 'COUNT') count = parseInteger(args[++i]);
    else if (opt === 'BLOCK') blockMs = parseInteger(args[++i], 'timeout is not an integer or out of range');
    else if (opt === 'STREAMS') break;
    else throw syntaxError();
  }
  const rest = args.slice(i + 1);
  if (rest.length === 0 || rest.length % 2 !== 0) {
    throw new RedisError("ERR Unbalanced 'xread' list of streams: for each stream key an ID or '$' must be specified.");
  }
  const keys = rest.slice(0, rest.length / 2);
  // '$' means "newer than the last entry now", fixed at the moment the command is issued.
  const after = rest.slice(rest.length / 2).map((idArg, k) => {
    if (idArg === '$') return ctx.db.read(keys[k]!, 'stream')?.lastId ?? { ms: 0, seq: 0 };
    return parseId(idArg, 0);
  });
  const attempt = (): Reply | undefined => {
    const out: Reply[] = [];
    keys.forEach((key, k) => {
      const stream = ctx.db.read(key, 'stream');
      if (!stream) return;
      const entries = stream.range(after[k]!, { ms: Number.MAX_SAFE_INTEGER, seq: MAX_SEQ }, count, true);
      if (entries.length > 0) out.push([key, entries.map(entryReply)]);
    });
    return out.length > 0 ? out : undefined;
  };
  const now = attempt();
  if (now !== undefined || blockMs === undefined || ctx.atomic) return now ?? null;
  return new Blocked(keys, blockMs, attempt);
}

export const streamCommands: Record<string, CommandSpec> = {
  xadd: { arity: -5, fn: xadd },
  xrange: { arity: -4, fn: (ctx, args) => range(ctx, args, false) },
  xrevrange: { arity: -4, fn: (ctx, args) => range(ctx, args, true) },
  xlen: { arity: 2, fn: ({ db }, [key]) => db.read(key!, 'stream')?.length ?? 0 },
  xtrim: {
    arity: -4,
    fn: ({ db }, args) => {
      const stream = db.read(args[0]!, 'stream');
      const { trim } = parseTrim(args, 1);
      if (!trim) throw syntaxError();
      if (!stream) return 0;
      return applyTrim(stream, trim);
    },
  },
  xdel: {
    arity: -3,
    fn: ({ db }, [key, ...ids]) => {
      const stream = db.read(key!, 'stream');
      if (!stream) return 0;
      let n = 0;
      for (const id of ids) if (stream.delete(parseId(id, 0))) n++;
      return n;
    },
  },
  xread: { arity: -4, fn: xread },
};
