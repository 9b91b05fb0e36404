// What a command implementation receives and returns.
import type { Database } from '../store/database.ts';
import type { ScanCursors } from '../store/scan-cursors.ts';

/** A simple-string reply such as +OK (Lua sees it as {ok = "OK"}). */
export class Status {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export const OK = new Status('OK');

/** A Redis error reply; the message starts with the error code, as on the wire. */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
  }
}

export type Reply = number | string | null | Status | RedisError | Reply[];

/** Per-connection facts a command may need. */
export type ClientInfo = {
  id: number;
  name: string;
  db: number;
  createdAt: number;
  lastCommand: string;
};

export type CommandContext = {
  db: Database;
  client: ClientInfo;
  /** True inside a Lua script or MULTI: blocking commands must not block. */
  atomic: boolean;
  server: ServerApi;
};

/** What commands may ask of the server beyond their database. */
export type ServerApi = {
  selectDb(index: number): Database;
  flushAll(): void;
  clients(): ClientInfo[];
  info(section?: string): string;
  /** Runs a script; Paused when it ran past the busy threshold (the server then answers others BUSY). */
  evalScript(
    ctx: CommandContext,
    source: string | undefined,
    sha: string,
    keys: string[],
    argv: string[],
  ): Reply | Paused;
  /** busy-reply-threshold (alias lua-time-limit), in milliseconds. */
  busyThresholdMs: number;
  loadScript(source: string): string;
  scriptExists(sha: string): boolean;
  flushScripts(): void;
  /** Milliseconds of the clock the current command sees (fixed during a script). */
  now(): number;
  /** Unfinished SCAN/HSCAN/SSCAN/ZSCAN iterations. */
  readonly scanCursors: ScanCursors;
};

export type CommandFn = (ctx: CommandContext, args: string[]) => Reply | Blocked | Paused;

export type CommandSpec = {
  fn: CommandFn;
  /** Redis arity: n = exactly n words incl. the name; -n = at least n. */
  arity: number;
  /** Not allowed from Lua scripts. */
  noScript?: boolean;
};

/**
 * Returned by a blocking command that has nothing to serve yet. The server parks the client and calls
 * retry() whenever one of the keys changes, until retry() returns a reply or the timeout passes.
 */
export class Blocked {
  readonly keys: string[];
  /** 0 = wait forever. */
  readonly timeoutMs: number;
  readonly retry: () => Reply | undefined;
  constructor(keys: string[], timeoutMs: number, retry: () => Reply | undefined) {
    this.keys = keys;
    this.timeoutMs = timeoutMs;
    this.retry = retry;
  }
}

export function syntaxError(): RedisError {
  return new RedisError('ERR syntax error');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A 64-bit signed integer exactly as Redis's string2ll reads one: optional minus, no leading zeros,
 * no plus sign or spaces, within -2^63 .. 2^63-1. BigInt, so counters past 2^53 stay exact.
 */
export function parseInt64(s: string | undefined, what = 'value is not an integer or out of range'): bigint {
  if (s === undefined || s.length > 20 || !/^(0|-?[1-9]\d*)$/.test(s)) throw new RedisError(`ERR ${what}`);
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) throw new RedisError(`ERR ${what}`);
  return n;
}

/** Adds two 64-bit integers, failing as Redis's INCRBY does when the sum leaves the 64-bit range. */
export function addInt64(a: bigint, b: bigint): bigint {
  const sum = a + b;
  if (sum < INT64_MIN || sum > INT64_MAX) throw new RedisError('ERR increment or decrement would overflow');
  return sum;
}

/** A 64-bit integer argument as a JS number (counts, indexes, times), read with Redis's rules. */
export function parseInteger(s: string | undefined, what = 'value is not an integer or out of range'): number {
  return Number(parseInt64(s, what));
}

export function parseFloatArg(s: string | undefined, what = 'value is not a valid float'): number {
  if (s === undefined) throw new RedisError(`ERR ${what}`);
  const lower = s.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (s.trim() !== s || s === '') throw new RedisError(`ERR ${what}`);
  const n = Number(s);
  if (Number.isNaN(n)) throw new RedisError(`ERR ${what}`);
  return n;
}

/** Resolves Redis start/stop indexes (negative from the end) to a clamped inclusive range. */
export function clampRange(start: number, stop: number, length: number): [number, number] {
  if (start < 0) start = Math.max(0, length + start);
  if (stop < 0) stop = length + stop;
  if (stop >= length) stop = length - 1;
  return [start, stop];
}

/** A script paused part-way (lua/engine.ts): resumed a slice at a time, or killed. */
export interface PausedScript {
  resume(sliceMs: number): Reply | PausedScript;
  kill(): RedisError;
}

/**
 * Returned by EVAL/EVALSHA for a script that ran past busy-reply-threshold and paused. Until it ends the
 * server answers other clients BUSY and accepts SCRIPT KILL, unless the script has written (UNKILLABLE).
 */
export class Paused {
  readonly script: PausedScript;
  readonly wrote: () => boolean;
  constructor(script: PausedScript, wrote: () => boolean) {
    this.script = script;
    this.wrote = wrote;
  }
}
