// Pushing JS binary strings onto fengari's stack without needless copies.
//
// fengari's lua_pushstring copies its argument with the generic (slow) Uint8Array.from before wrapping it
// in a TString. The bytes we push are always a fresh array made for the purpose, so we hand them to
// fengari as they are. (Caching TStrings for repeated strings was measured too: with the one-off strings
// scripts also push (job ids, timestamps), a cache cost more than it saved, since its entries outlive V8's
// young generation.)
import lobject from 'fengari/src/lobject.js';
import lstring from 'fengari/src/lstring.js';
import { binaryToBytes } from '../util/bytes.ts';

type L = { top: number; ci: { top: number } };

/** Pushes bytes as a Lua string, taking ownership: the caller must not change them afterwards. */
export function pushOwnedBytes(L: unknown, bytes: Uint8Array): void {
  const state = L as L;
  // The same guard as lua_pushstring's api_check.
  if (state.top >= state.ci.top) throw new Error('stack overflow');
  lobject.pushsvalue2s(L, lstring.luaS_bless(L, bytes));
}

/** Pushes a binary string (char codes 0-255 are the bytes) as a Lua string. */
export function pushBinary(L: unknown, s: string): void {
  pushOwnedBytes(L, binaryToBytes(s));
}
