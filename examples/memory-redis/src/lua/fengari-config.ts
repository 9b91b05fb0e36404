// Redis runs Lua 5.1, where every number is a double and prints without ".0" ("%.14g").
// fengari is Lua 5.3 with 32-bit integers. Configure how it prints numbers BEFORE anything loads fengari
// (its modules copy these settings when they load), without relying on process.env.FENGARICONF, which
// browser bundles may not have. The engine verifies the result at start-up (see checkNumbers in engine.ts).
import defs from 'fengari/src/defs.js';
import luaconf from 'fengari/src/luaconf.js';
import { formatLuaNumber } from '../util/number-format.ts';

// defs.js must load before luaconf.js: that is fengari's own order (the two require each other). fengari
// declares "sideEffects": false, so a bare `import 'fengari/src/defs.js'` may be dropped by a bundler;
// using a value from it keeps the import, and the order, in every bundle.
if (defs.LUA_VERSION_MAJOR !== '5') throw new Error('memory-redis: unexpected fengari build');

luaconf.LUA_COMPAT_FLOATSTRING = true;
luaconf.lua_number2str = formatLuaNumber;
