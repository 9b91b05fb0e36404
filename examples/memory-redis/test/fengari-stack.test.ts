// What src/lua/fengari-stack.ts relies on inside fengari (pinned), checked one by one so that a fengari
// upgrade that changes any of it fails here, by name, instead of as a wrong value deep in a BullMQ script.
// (The Lua behaviour itself, closures, varargs, coroutines, errors, is compared with real Redis in
// lua-calls.queue.test.ts.)
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../src/lua/fengari-config.ts';
import fengari from 'fengari';
import ldo from 'fengari/src/ldo.js';
import lfunc from 'fengari/src/lfunc.js';
import lstate from 'fengari/src/lstate.js';
import { FINGERPRINT, fingerprintOf, installed, originals } from '../src/lua/fengari-stack.ts';

const { lua, lauxlib, to_luastring } = fengari;

type Slot = { type: number; value: unknown };
type State = { stack: Slot[]; top: number };

function newState(): State {
  const L = lauxlib.luaL_newstate();
  fengari.lualib.luaL_openlibs(L);
  return L as State;
}

function run(L: State, code: string): unknown {
  if (lauxlib.luaL_dostring(L, to_luastring(code)) !== lua.LUA_OK) {
    throw new Error(fengari.to_jsstring(lua.lua_tolstring(L, -1)));
  }
  return lua.lua_tonumber(L, -1);
}

describe('fengari, as fengari-stack.ts relies on it', () => {
  it('is the version the replacements were derived from', () => {
    const version = (createRequire(import.meta.url)('fengari/package.json') as { version: string }).version;
    expect(version, 're-derive src/lua/fengari-stack.ts from the new fengari before upgrading').toBe('0.1.5');
    expect(fingerprintOf(originals), 'fengari changed adjust_top, luaD_precall or luaD_poscall').toBe(FINGERPRINT);
  });

  it('has the replacements installed in ldo.js exports', () => {
    expect(installed).toBe(true);
    expect(ldo.adjust_top).not.toBe(originals.adjust_top);
    expect(ldo.luaD_precall).not.toBe(originals.luaD_precall);
    expect(ldo.luaD_poscall).not.toBe(originals.luaD_poscall);
  });

  it("routes the interpreter's calls and returns through ldo.js's exports", () => {
    const L = newState();
    const counts = { precall: 0, poscall: 0, adjust: 0 };
    const { luaD_precall, luaD_poscall, adjust_top } = ldo;
    ldo.luaD_precall = (...a: unknown[]) => (counts.precall++, luaD_precall(...a));
    ldo.luaD_poscall = (...a: unknown[]) => (counts.poscall++, luaD_poscall(...a));
    ldo.adjust_top = (...a: unknown[]) => (counts.adjust++, adjust_top(...a));
    try {
      expect(run(L, 'local function f(a) return a + 1 end; return f(1) + #tostring(12)')).toBe(4);
      lua.lua_settop(L, 0);
    } finally {
      Object.assign(ldo, { luaD_precall, luaD_poscall, adjust_top });
    }
    // f and tostring are called by the interpreter (precall); f returns by OP_RETURN (poscall); settop adjusts.
    expect(counts.precall).toBeGreaterThanOrEqual(2);
    expect(counts.poscall).toBeGreaterThanOrEqual(1);
    expect(counts.adjust).toBeGreaterThanOrEqual(1);
  });

  it('keeps an open upvalue as the stack slot object itself, and luaF_close gives the slot a new one', () => {
    const L = newState();
    lua.lua_pushnumber(L, 41);
    lua.lua_pushnumber(L, 42);
    const level = L.top - 2;
    const slot = L.stack[level];
    expect(lfunc.luaF_findupval(L, level), 'an open upvalue is no longer the slot object').toBe(slot);
    lfunc.luaF_close(L, level);
    expect(L.stack[level], 'luaF_close no longer replaces the slot objects of closed upvalues').not.toBe(slot);
    expect(L.stack[level]).toEqual(slot);
    expect(L.stack[level + 1]!.value).toBe(42);
  });

  it('reuses slot objects above the top instead of allocating, and leaves them nil', () => {
    const L = newState();
    lua.lua_settop(L, 0);
    lua.lua_pushnumber(L, 7);
    const slot = L.stack[0];
    lua.lua_settop(L, 0);
    lua.lua_settop(L, 1);
    expect(L.stack[0]).toBe(slot);
    expect(lua.lua_isnil(L, 1)).toBe(true);
  });

  it('makes a CallInfo with the continuation fields nextCI resets, linked after L.ci', () => {
    type CI = Record<string, unknown> & { previous: unknown; next: unknown };
    const L = newState() as State & { ci: CI };
    const caller = L.ci;
    const ci = lstate.luaE_extendCI(L) as CI;
    expect(caller.next, 'luaE_extendCI no longer links the new CallInfo as L.ci.next').toBe(ci);
    expect(ci.previous).toBe(caller);
    expect(L.ci).toBe(ci);
    for (const field of ['c_k', 'c_ctx', 'c_old_errfunc']) {
      expect(Object.hasOwn(ci, field), `CallInfo has no field ${field} any more`).toBe(true);
      expect(ci[field]).toBe(null);
    }
  });

  it("gives a call the CallInfo a finished call left, and leaves the caller's continuation alone", () => {
    const L = newState() as State & { ci: unknown };
    const seen: unknown[] = [];
    lua.lua_pushjsfunction(L, (L: { ci: unknown }) => (seen.push(L.ci), 0));
    lua.lua_setglobal(L, to_luastring('probe'));
    expect(run(L, 'local function f() probe() end; f(); probe(); f(); probe(); return 1')).toBe(1);
    // Two calls from the same frame use one record, as in C Lua; a nested call uses the one after it.
    expect(seen[1]).toBe(seen[3]);
    expect(seen[0]).toBe(seen[2]);
    expect(seen[0]).not.toBe(seen[1]);
  });
});
