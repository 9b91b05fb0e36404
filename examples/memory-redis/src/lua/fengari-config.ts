// Redis runs Lua 5.1, where every number is a double and prints without ".0" ("%.14g").
// fengari is Lua 5.3 with 32-bit integers. Configure how it prints numbers BEFORE anything loads fengari
// (its modules copy these settings when they load), without relying on process.env.FENGARICONF, which
// browser bundles may not have. The engine verifies the result at start-up (see number-check in engine.ts).
// defs.js first: it is what loads luaconf.js in fengari's own order (they require each other).
import 'fengari/src/defs.js';
import luaconf from 'fengari/src/luaconf.js';
import { formatLuaNumber } from '../util/number-format.ts';

luaconf.LUA_COMPAT_FLOATSTRING = true;
luaconf.lua_number2str = formatLuaNumber;
