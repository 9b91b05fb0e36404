// pcall and xpcall for scripts, as fengari's own with one fix: an error caught by pcall must not switch
// off the count hook that enforces busy-reply-threshold.
//
// Inside a coroutine (scripts run in one, so they can pause), fengari's lua_pcallk clears the CallInfo
// flag that remembers whether hooks were allowed (CIST_OAH) but never sets it, so after the first error a
// pcall catches, fengari restores "hooks not allowed" and the script can loop for ever unstoppably. Lua
// 5.3's C code sets the flag (setoah); these set it before the call. This reaches into fengari's CallInfo:
// test/script-timeout.queue.test.ts ("stops a script past the threshold…", with a pcall that swallows
// errors in a loop) fails if a fengari upgrade changes what this relies on.
import fengari from 'fengari';
import lstate from 'fengari/src/lstate.js';

const { lua, lauxlib, to_luastring } = fengari;
type L = { ci: { callstatus: number } };

const CIST_OAH: number = lstate.CIST_OAH;
if (typeof CIST_OAH !== 'number') throw new Error('memory-redis: fengari no longer exports lstate.CIST_OAH');

function finishpcall(L: L, status: number, extra: number): number {
  if (status !== lua.LUA_OK && status !== lua.LUA_YIELD) {
    lua.lua_pushboolean(L, false);
    lua.lua_pushvalue(L, -2);
    return 2;
  }
  return lua.lua_gettop(L) - extra;
}

function pcall(L: L): number {
  lauxlib.luaL_checkany(L, 1);
  lua.lua_pushboolean(L, true);
  lua.lua_insert(L, 1);
  L.ci.callstatus |= CIST_OAH; // hooks are allowed here (we are running Lua code): remember it
  const status = lua.lua_pcallk(L, lua.lua_gettop(L) - 2, lua.LUA_MULTRET, 0, 0, finishpcall);
  return finishpcall(L, status, 0);
}

function xpcall(L: L): number {
  const n = lua.lua_gettop(L);
  lauxlib.luaL_checktype(L, 2, lua.LUA_TFUNCTION);
  lua.lua_pushboolean(L, true);
  lua.lua_pushvalue(L, 1);
  lua.lua_rotate(L, 3, 2);
  L.ci.callstatus |= CIST_OAH;
  const status = lua.lua_pcallk(L, n - 2, lua.LUA_MULTRET, 2, 2, finishpcall);
  return finishpcall(L, status, 2);
}

/** Replaces the global pcall and xpcall (call before the globals are locked). */
export function installPcall(L: unknown): void {
  lua.lua_pushjsfunction(L, pcall);
  lua.lua_setglobal(L, to_luastring('pcall'));
  lua.lua_pushjsfunction(L, xpcall);
  lua.lua_setglobal(L, to_luastring('xpcall'));
}
