// Moving values between Redis replies and the Lua stack, with Redis's conversion rules:
// integer → number, bulk → string, nil → false, array → table, status → {ok=…}, error → {err=…};
// and back: number → integer (truncated), true → 1, false/nil → nil, table → array up to the first nil.
import fengari from 'fengari';
import { RedisError, Status } from '../commands/types.ts';
import type { Reply } from '../commands/types.ts';
import { bytesToBinary } from '../util/bytes.ts';
import { pushBinary } from './lua-strings.ts';

const { lua, to_luastring } = fengari;
type L = unknown;

const OK_FIELD = to_luastring('ok');
const ERR_FIELD = to_luastring('err');

export function pushReply(L: L, reply: Reply): void {
  if (typeof reply === 'number') lua.lua_pushnumber(L, reply);
  else if (typeof reply === 'string') pushBinary(L, reply);
  else if (reply === null) lua.lua_pushboolean(L, false);
  else if (Array.isArray(reply)) {
    lua.lua_checkstack(L, 3);
    lua.lua_createtable(L, reply.length, 0);
    for (let i = 0; i < reply.length; i++) {
      pushReply(L, reply[i]!);
      lua.lua_rawseti(L, -2, i + 1);
    }
  } else if (reply instanceof Status) {
    lua.lua_createtable(L, 0, 1);
    pushBinary(L, reply.text);
    lua.lua_setfield(L, -2, OK_FIELD);
  } else {
    lua.lua_createtable(L, 0, 1);
    pushBinary(L, reply.message);
    lua.lua_setfield(L, -2, ERR_FIELD);
  }
}

/** The string field `name` of the table at idx, or undefined. */
function stringField(L: L, idx: number, name: Uint8Array): string | undefined {
  lua.lua_getfield(L, idx, name);
  const v = lua.lua_type(L, -1) === lua.LUA_TSTRING ? bytesToBinary(lua.lua_tolstring(L, -1)) : undefined;
  lua.lua_pop(L, 1);
  return v;
}

export function toReply(L: L, idx: number): Reply {
  idx = lua.lua_absindex(L, idx);
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNUMBER:
      return Math.trunc(lua.lua_tonumber(L, idx));
    case lua.LUA_TSTRING:
      return bytesToBinary(lua.lua_tolstring(L, idx));
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx) ? 1 : null;
    case lua.LUA_TTABLE: {
      const err = stringField(L, idx, ERR_FIELD);
      if (err !== undefined) return new RedisError(err);
      const ok = stringField(L, idx, OK_FIELD);
      if (ok !== undefined) return new Status(ok);
      const out: Reply[] = [];
      lua.lua_checkstack(L, 2);
      for (let i = 1; ; i++) {
        if (lua.lua_rawgeti(L, idx, i) === lua.LUA_TNIL) {
          lua.lua_pop(L, 1);
          break;
        }
        out.push(toReply(L, -1));
        lua.lua_pop(L, 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Raises a Lua error prefixed with the calling script position ("user_script:3: "), as luaL_error does. */
export function raiseWithPosition(L: L, message: string): number {
  fengari.lauxlib.luaL_where(L, 1);
  lua.lua_pushstring(L, to_luastring(message));
  lua.lua_concat(L, 2);
  return lua.lua_error(L);
}
