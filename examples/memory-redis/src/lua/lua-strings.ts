// Moving strings between JS binary strings and fengari's stack without needless copies.
//
// fengari's lua_pushstring copies its argument with the generic (slow) Uint8Array.from and wraps the copy in
// a new TString, whose table-key hash (a hex string built byte by byte) is then recomputed the first time
// that copy is used as a table key. Scripts push the same short strings (key names, hash fields, ids) over
// and over. Lua strings are immutable, so one TString can safely be pushed any number of times, as real Lua
// interns short strings: we keep one TString per recent short string, and hand fresh byte arrays we own
// to fengari without the copy.
import lobject from 'fengari/src/lobject.js';
import lstring from 'fengari/src/lstring.js';
import { binaryToBytes, bytesToBinary } from '../util/bytes.ts';

type L = { top: number; ci: { top: number } };
type TString = { getstr(): Uint8Array };

const SHORT = 64;
const CACHE_LIMIT = 20_000;
const tstrings = new Map<string, TString>();
// The binary string behind each cached TString's bytes, so reading it back (e.g. KEYS[1] passed to
// redis.call) needs no conversion. Weak: entries go when the bytes do.
const binaryOf = new WeakMap<Uint8Array, string>();

function pushTString(L: L, ts: TString): void {
  // The same guard as lua_pushstring's api_check.
  if (L.top >= L.ci.top) throw new Error('stack overflow');
  lobject.pushsvalue2s(L, ts);
}

/** Pushes bytes as a Lua string, taking ownership: the caller must not change them afterwards. */
export function pushOwnedBytes(L: unknown, bytes: Uint8Array): void {
  pushTString(L as L, lstring.luaS_bless(L, bytes));
}

/** Pushes a binary string (char codes 0-255 are the bytes) as a Lua string. */
export function pushBinary(L: unknown, s: string): void {
  if (s.length > SHORT) return pushOwnedBytes(L, binaryToBytes(s));
  let ts = tstrings.get(s);
  if (ts === undefined) {
    if (tstrings.size >= CACHE_LIMIT) tstrings.clear();
    const bytes = binaryToBytes(s);
    ts = lstring.luaS_bless(L, bytes) as TString;
    binaryOf.set(bytes, s);
    tstrings.set(s, ts);
  }
  pushTString(L as L, ts);
}

/** A Lua string's bytes (from lua_tolstring) as a binary string. */
export function luaBytesToBinary(bytes: Uint8Array): string {
  return binaryOf.get(bytes) ?? bytesToBinary(bytes);
}
