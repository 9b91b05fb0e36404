// The Lua side of the in-memory server: one fengari VM per server, scripts compiled once and cached by
// SHA1 (like Redis), Redis's Lua libraries (redis.*, cjson, cmsgpack) and Lua 5.1 number semantics.
import './fengari-config.ts';
import fengari from 'fengari';
import { RedisError } from '../commands/types.ts';
import type { Reply } from '../commands/types.ts';
import { binaryToBytes, bytesToBinary } from '../util/bytes.ts';
import { formatCallNumber } from '../util/number-format.ts';
import { scriptSha, sha1Hex } from '../util/sha1.ts';
import { installCjson } from './cjson.ts';
import { installCmsgpack } from './cmsgpack.ts';
import { floatLiterals } from './literals.ts';
import { pushBinary } from './lua-strings.ts';
import { pushReply, toReply, raiseWithPosition } from './values.ts';

const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;
type L = unknown;

/** Runs one command for a script; throws RedisError for error replies. */
export type ScriptHost = (name: string, args: string[]) => Reply;

const CHUNK_NAME = to_luastring('@user_script');

// fengari keeps its stack in a plain JS array and `delete`s slots when the top drops. When a script ends,
// the top falls back near the bottom and V8 finds the array mostly holes and turns it into a slow
// dictionary, so every stack access of the next script is a hash lookup (about 10 % of all script time).
// A few nils kept for good below every script (V8 only does this when under ~1/12 of the slots are in
// use) keep the stack a fast array. Scripts cannot see them: their stack starts above.
const STACK_BALLAST = 128;

// Command names as scripts spell them ('ZADD', 'hget'), lower-cased once.
const commandNames = new Map<string, string>();
function commandName(word: string): string {
  let name = commandNames.get(word);
  if (name === undefined) {
    name = word.toLowerCase();
    if (commandNames.size < 1000) commandNames.set(word, name);
  }
  return name;
}

// Lua 5.1 compatibility and Redis's library surface, run once per VM. Numbers from tonumber and
// math.floor/ceil are forced to floats so that integer arithmetic never wraps at 32 bits.
const PRELUDE = `
unpack = table.unpack
loadstring = load
table.getn = function(t) return #t end
math.pow = function(a, b) return a ^ b end
math.mod = math.fmod
do
  local tonumber0, floor0, ceil0 = tonumber, math.floor, math.ceil
  tonumber = function(v, base)
    local n = tonumber0(v, base)
    if n then return n + 0.0 end
    return n
  end
  math.floor = function(x) return floor0(x) + 0.0 end
  math.ceil = function(x) return ceil0(x) + 0.0 end
end
io, os, package, require, utf8, dofile, loadfile = nil, nil, nil, nil, nil, nil, nil
KEYS, ARGV = {}, {}
-- Like Redis 7: scripts may neither create globals nor read undefined ones.
setmetatable(_G, {
  __index = function(_, name)
    error("Script attempted to access nonexistent global variable '" .. tostring(name) .. "'", 2)
  end,
  __newindex = function() error('Attempt to modify a readonly table', 2) end,
})
`;

class ScriptError extends Error {}

export class LuaEngine {
  private readonly L: L;
  private readonly scripts = new Map<string, number>();
  private host: ScriptHost | undefined;
  /** Message of the last error raised by redis.call (kept verbatim, not prefixed with ERR). */
  private raised: string | undefined;
  private errorLine = -1;
  private readonly handlerRef: number;

  constructor() {
    const L = lauxlib.luaL_newstate();
    this.L = L;
    lualib.luaL_openlibs(L);
    this.installRedis();
    installCjson(L);
    installCmsgpack(L);
    this.exec(PRELUDE);
    lua.lua_pushjsfunction(L, (L: L) => this.onError(L));
    this.handlerRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
    this.checkNumbers();
    lua.lua_checkstack(L, STACK_BALLAST + lua.LUA_MINSTACK);
    for (let i = 0; i < STACK_BALLAST; i++) lua.lua_pushnil(L);
  }

  has(sha: string): boolean {
    return this.scripts.has(sha);
  }

  /** Compiles (once) and caches a script; returns its SHA1. Source is a binary string. */
  load(source: string): string {
    const sha = scriptSha(source);
    if (!this.scripts.has(sha)) this.scripts.set(sha, this.compile(source));
    return sha;
  }

  flush(): void {
    for (const ref of this.scripts.values()) lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, ref);
    this.scripts.clear();
  }

  run(host: ScriptHost, sha: string, source: string | undefined, keys: string[], argv: string[]): Reply {
    const L = this.L;
    let ref = this.scripts.get(sha);
    if (ref === undefined) {
      if (source === undefined) throw new RedisError('NOSCRIPT No matching script. Please use EVAL.');
      ref = this.compile(source);
      this.scripts.set(sha, ref);
    }
    const base = lua.lua_gettop(L);
    // Straight into the globals table: lua_setglobal would copy and re-hash the name on every run.
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
    this.setArray('KEYS', keys);
    this.setArray('ARGV', argv);
    lua.lua_pop(L, 1);
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.handlerRef);
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, ref);
    this.host = host;
    this.raised = undefined;
    this.errorLine = -1;
    const status = lua.lua_pcall(L, 0, 1, base + 1);
    this.host = undefined;
    try {
      if (status !== lua.LUA_OK)
        throw new RedisError(`${this.errorMessage(-1)} script: ${sha}, on @user_script:${this.errorLine}.`);
      return toReply(L, -1);
    } finally {
      lua.lua_settop(L, base);
    }
  }

  private compile(source: string): number {
    const L = this.L;
    const code = binaryToBytes(floatLiterals(source));
    if (lauxlib.luaL_loadbuffer(L, code, code.length, CHUNK_NAME) !== lua.LUA_OK) {
      const message = to_jsstring(lua.lua_tolstring(L, -1));
      lua.lua_pop(L, 1);
      throw new RedisError(`ERR Error compiling script (new function): ${message}`);
    }
    return lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
  }

  private exec(code: string): void {
    const L = this.L;
    if (lauxlib.luaL_dostring(L, to_luastring(code)) !== lua.LUA_OK) {
      throw new Error(`memory-redis: Lua prelude failed: ${to_jsstring(lua.lua_tolstring(L, -1))}`);
    }
  }

  /** Sets field `name` of the table on top of the stack to a new array of strings. */
  private setArray(name: string, items: string[]): void {
    const L = this.L;
    pushBinary(L, name);
    lua.lua_createtable(L, items.length, 0);
    for (let i = 0; i < items.length; i++) {
      pushBinary(L, items[i]!);
      lua.lua_rawseti(L, -2, i + 1);
    }
    lua.lua_rawset(L, -3);
  }

  /** Message handler: remembers the script line the error came from, as Redis reports it. */
  private onError(L: L): number {
    const ar = new lua.lua_Debug();
    for (let level = 0; lua.lua_getstack(L, level, ar); level++) {
      lua.lua_getinfo(L, to_luastring('Sl'), ar);
      if (ar.currentline > 0 && ar.source && to_jsstring(ar.source) === '@user_script') {
        this.errorLine = ar.currentline;
        break;
      }
    }
    return 1;
  }

  private errorMessage(idx: number): string {
    const L = this.L;
    if (lua.lua_type(L, idx) === lua.LUA_TTABLE) {
      const reply = toReply(L, idx);
      if (reply instanceof RedisError) return reply.message;
    }
    if (lua.lua_type(L, idx) === lua.LUA_TSTRING) {
      const text = bytesToBinary(lua.lua_tolstring(L, idx));
      return text === this.raised ? text : `ERR ${text}`;
    }
    return 'ERR unknown error';
  }

  private installRedis(): void {
    const L = this.L;
    const fn = (name: string, f: (L: L) => number) => {
      lua.lua_pushjsfunction(L, (L: L) => {
        try {
          return f(L);
        } catch (error) {
          if (!(error instanceof ScriptError)) throw error;
          return raiseWithPosition(L, error.message);
        }
      });
      lua.lua_setfield(L, -2, to_luastring(name));
    };
    lua.lua_newtable(L);
    fn('call', (L) => this.call(L, true));
    fn('pcall', (L) => this.call(L, false));
    fn('sha1hex', (L) => {
      if (lua.lua_gettop(L) !== 1) throw new ScriptError('wrong number of arguments');
      lua.lua_pushstring(L, to_luastring(sha1Hex(lua.lua_tolstring(L, 1) ?? new Uint8Array())));
      return 1;
    });
    const statusTable = (field: string) => (L: L) => {
      if (lua.lua_gettop(L) !== 1 || lua.lua_type(L, 1) !== lua.LUA_TSTRING) {
        throw new ScriptError('wrong number or type of arguments');
      }
      lua.lua_createtable(L, 0, 1);
      lua.lua_pushvalue(L, 1);
      lua.lua_setfield(L, -2, to_luastring(field));
      return 1;
    };
    fn('error_reply', statusTable('err'));
    fn('status_reply', statusTable('ok'));
    fn('log', () => 0);
    fn('setresp', () => 0);
    fn('set_repl', () => 0);
    fn('replicate_commands', (L) => (lua.lua_pushboolean(L, true), 1));
    fn('breakpoint', (L) => (lua.lua_pushboolean(L, false), 1));
    fn('debug', () => 0);
    const constants: [string, number][] = [
      ['LOG_DEBUG', 0],
      ['LOG_VERBOSE', 1],
      ['LOG_NOTICE', 2],
      ['LOG_WARNING', 3],
      ['REPL_NONE', 0],
      ['REPL_AOF', 1],
      ['REPL_SLAVE', 2],
      ['REPL_REPLICA', 2],
      ['REPL_ALL', 3],
    ];
    for (const [name, value] of constants) {
      lua.lua_pushnumber(L, value);
      lua.lua_setfield(L, -2, to_luastring(name));
    }
    lua.lua_setglobal(L, to_luastring('redis'));
  }

  private call(L: L, raise: boolean): number {
    const n = lua.lua_gettop(L);
    if (n === 0) return this.fail(L, raise, 'ERR Please specify at least one argument for this redis lib call');
    let name = '';
    const args: string[] = new Array(n - 1);
    for (let i = 1; i <= n; i++) {
      const t = lua.lua_type(L, i);
      let word: string;
      if (t === lua.LUA_TSTRING) word = bytesToBinary(lua.lua_tolstring(L, i));
      else if (t === lua.LUA_TNUMBER) word = formatCallNumber(lua.lua_tonumber(L, i));
      else return this.fail(L, raise, 'ERR Lua redis lib command arguments must be strings or integers');
      if (i === 1) name = commandName(word);
      else args[i - 2] = word;
    }
    let reply: Reply;
    try {
      reply = this.host!(name, args);
    } catch (error) {
      if (error instanceof RedisError) return this.fail(L, raise, error.message);
      throw error;
    }
    pushReply(L, reply);
    return 1;
  }

  /** redis.call raises the error; redis.pcall returns it as {err=…}. */
  private fail(L: L, raise: boolean, message: string): number {
    if (!raise) {
      pushReply(L, new RedisError(message));
      return 1;
    }
    this.raised = message;
    pushBinary(L, message);
    return lua.lua_error(L);
  }

  /** Fails loudly if fengari was loaded before fengari-config.ts could configure number printing. */
  private checkNumbers(): void {
    const probe = 'return tostring(2^53) .. " " .. tostring(3.0) .. " " .. 0x100000000 .. " " .. 65536 * 65536';
    const reply = this.run(() => null, sha1Hex(binaryToBytes(probe)), probe, [], []);
    const expected = '9.007199254741e+15 3 4294967296 4294967296';
    this.flush();
    if (reply !== expected) {
      throw new Error(
        `memory-redis: fengari prints numbers as "${String(reply)}" instead of Lua 5.1's "${expected}". ` +
          'fengari was loaded before @async-lab/memory-redis configured it: import @async-lab/memory-redis ' +
          'before anything that imports fengari or ioredis-mock.',
      );
    }
  }
}
