// The Lua side of the in-memory server: one fengari VM per server, scripts compiled once and cached by
// SHA1 (like Redis), Redis's Lua libraries (redis.*, cjson, cmsgpack) and Lua 5.1 number semantics.
import './fengari-config.ts';
// Calls and returns without an allocation per stack slot (see the file).
import './fengari-stack.ts';
import fengari from 'fengari';
import { RedisError } from '../commands/types.ts';
import type { Reply } from '../commands/types.ts';
import { binaryToBytes, bytesToBinary } from '../util/bytes.ts';
import { formatCallNumber } from '../util/number-format.ts';
import { monotonic } from '../util/real-clock.ts';
import { scriptSha, sha1Hex } from '../util/sha1.ts';
import { installCjson } from './cjson.ts';
import { installCmsgpack } from './cmsgpack.ts';
import { INTERPRETER_WARMUP, ROUNDS } from './interpreter-warmup.ts';
import { floatLiterals } from './literals.ts';
import { pushBinary } from './lua-strings.ts';
import { installPcall } from './pcall-hooks.ts';
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

// How often (in Lua VM instructions) a running script looks at the clock: often enough to notice the
// busy threshold within a millisecond or so, rarely enough to cost nothing measurable.
const CLOCK_CHECK_EVERY = 10_000;

/** Redis's default busy-reply-threshold (lua-time-limit). */
export const DEFAULT_BUSY_THRESHOLD_MS = 5_000;

/** Where a script is when it is stopped. */
type Stop = 'none' | 'abort';

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

/**
 * A script that ran past the busy threshold and paused (its coroutine yielded from the count hook). The
 * server answers other clients BUSY meanwhile and resumes it a slice at a time, or kills it.
 */
export class PausedScript {
  private readonly engine: LuaEngine;
  readonly sha: string;
  constructor(engine: LuaEngine, sha: string) {
    this.engine = engine;
    this.sha = sha;
  }

  /** Runs the script on for about sliceMs; its reply, or this (still paused). Throws RedisError. */
  resume(sliceMs: number): Reply | PausedScript {
    return this.engine.continueScript(this, sliceMs);
  }

  /** Drops the script where it stands (SCRIPT KILL); returns the error its caller receives. */
  kill(): RedisError {
    return this.engine.killScript(this);
  }
}

export class LuaEngine {
  private readonly L: L;
  /** The coroutine scripts run in: a count hook can pause it (lua_yield), which a plain pcall cannot. */
  private co!: L;
  private coRef = -1;
  private readonly scripts = new Map<string, number>();
  private host: ScriptHost | undefined;
  /** Message of the last error raised by redis.call (kept verbatim, not prefixed with ERR). */
  private raised: string | undefined;
  /** Past this moment (monotonic ms) the running script pauses, or stops where it cannot pause. */
  private deadline = Infinity;
  private canPause = false;
  private pausedByHook = false;
  private pausedLine = -1;
  private stop: Stop = 'none';
  private paused: PausedScript | undefined;
  /** Milliseconds a script may run before it is paused (or stopped): Redis's busy-reply-threshold. */
  busyThresholdMs = DEFAULT_BUSY_THRESHOLD_MS;

  constructor() {
    const L = lauxlib.luaL_newstate();
    this.L = L;
    lualib.luaL_openlibs(L);
    this.installRedis();
    installCjson(L);
    installCmsgpack(L);
    installPcall(L);
    this.exec(PRELUDE);
    this.newCoroutine();
    this.checkNumbers();
    this.warmInterpreter();
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

  /**
   * Runs a script to its end; or, when it runs past busyThresholdMs, pauses it and returns a PausedScript
   * (only where `canPause`: not inside MULTI or a pipeline, not inside a Lua callback such as a
   * table.sort comparator), or else stops it with an error. Throws RedisError for error replies.
   */
  run(
    host: ScriptHost,
    sha: string,
    source: string | undefined,
    keys: string[],
    argv: string[],
    canPause = false,
  ): Reply | PausedScript {
    if (this.paused) throw new Error('memory-redis: a script started while another one is paused');
    const L = this.L;
    let ref = this.scripts.get(sha);
    if (ref === undefined) {
      if (source === undefined) throw new RedisError('NOSCRIPT No matching script. Please use EVAL.');
      ref = this.compile(source);
      this.scripts.set(sha, ref);
    }
    // Straight into the globals table: lua_setglobal would copy and re-hash the name on every run.
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
    this.setArray('KEYS', keys);
    this.setArray('ARGV', argv);
    lua.lua_pop(L, 1);
    lua.lua_rawgeti(this.co, lua.LUA_REGISTRYINDEX, ref);
    this.host = host;
    this.raised = undefined;
    this.canPause = canPause;
    this.stop = 'none';
    this.deadline = this.busyThresholdMs > 0 ? monotonic() + this.busyThresholdMs : Infinity; // 0: no limit, as in Redis
    return this.step(new PausedScript(this, sha));
  }

  /** Resumes the coroutine until the script ends or pauses again. */
  private step(script: PausedScript): Reply | PausedScript {
    const co = this.co;
    this.pausedByHook = false;
    const status = lua.lua_resume(co, this.L, 0);
    if (status === lua.LUA_YIELD && this.pausedByHook) {
      this.paused = script;
      return script;
    }
    this.host = undefined;
    this.paused = undefined;
    if (status === lua.LUA_OK) {
      try {
        // Like Redis (lua_pcall with one result): the first value the script returned.
        return lua.lua_gettop(co) > STACK_BALLAST ? toReply(co, STACK_BALLAST + 1) : null;
      } finally {
        lua.lua_settop(co, STACK_BALLAST);
      }
    }
    // An error (or a coroutine.yield at the top, which Redis's Lua cannot do either). The coroutine is
    // dead, but its stack is still there to read the line from.
    const line = this.errorLine(co);
    let message = 'ERR attempt to yield from outside a coroutine';
    if (status !== lua.LUA_YIELD) {
      // Read the error value on the main state: the dead coroutine has no stack room left to convert it.
      lua.lua_xmove(co, this.L, 1);
      message = this.errorMessage(this.L, -1);
      lua.lua_pop(this.L, 1);
    }
    this.newCoroutine();
    throw new RedisError(`${message} script: ${script.sha}, on @user_script:${line}.`);
  }

  continueScript(script: PausedScript, sliceMs: number): Reply | PausedScript {
    if (this.paused !== script) throw new Error('memory-redis: this script is not paused');
    this.deadline = monotonic() + sliceMs;
    return this.step(script);
  }

  killScript(script: PausedScript): RedisError {
    if (this.paused !== script) throw new Error('memory-redis: this script is not paused');
    const line = this.pausedLine;
    this.paused = undefined;
    this.host = undefined;
    this.newCoroutine();
    return new RedisError(
      `ERR Script killed by user with SCRIPT KILL... script: ${script.sha}, on @user_script:${line}.`,
    );
  }

  /** A fresh coroutine, with its clock hook, and the ballast that keeps its stack a fast array. */
  private newCoroutine(): void {
    const L = this.L;
    if (this.coRef >= 0) lauxlib.luaL_unref(L, lua.LUA_REGISTRYINDEX, this.coRef);
    this.co = lua.lua_newthread(L);
    this.coRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX);
    lua.lua_sethook(this.co, (co: L) => this.onClock(co), lua.LUA_MASKCOUNT, CLOCK_CHECK_EVERY);
    lua.lua_checkstack(this.co, STACK_BALLAST + lua.LUA_MINSTACK);
    for (let i = 0; i < STACK_BALLAST; i++) lua.lua_pushnil(this.co);
  }

  /** The count hook: pauses a script that is past its deadline, or stops one that cannot pause. */
  private onClock(co: L): void {
    if (this.stop === 'abort') this.abort(co);
    if (monotonic() < this.deadline) return;
    if (this.canPause && lua.lua_isyieldable(co)) {
      // Where it stands, for SCRIPT KILL's message: a yielded frame no longer says (fengari reuses its slot).
      this.pausedLine = this.errorLine(co);
      this.pausedByHook = true;
      lua.lua_yield(co, 0);
      return;
    }
    // Cannot pause here: stop the script. From now on every instruction raises, so a pcall in the
    // script cannot swallow it for good.
    this.stop = 'abort';
    lua.lua_sethook(co, (c: L) => this.onClock(c), lua.LUA_MASKCOUNT, 1);
    this.abort(co);
  }

  private abort(co: L): void {
    const message =
      `ERR Script ran longer than busy-reply-threshold (${this.busyThresholdMs} ms) where @async-lab/memory-redis ` +
      'cannot pause it (inside MULTI, a pipeline or a Lua callback such as a table.sort comparator), so it was stopped';
    this.raised = message;
    pushBinary(co, message);
    lua.lua_error(co);
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

  /** The script line a stopped coroutine was at, as Redis reports it (-1 when none). */
  private errorLine(co: L): number {
    const ar = new lua.lua_Debug();
    for (let level = 0; lua.lua_getstack(co, level, ar); level++) {
      lua.lua_getinfo(co, to_luastring('Sl'), ar);
      if (ar.currentline > 0 && ar.source && to_jsstring(ar.source) === '@user_script') return ar.currentline;
    }
    return -1;
  }

  private errorMessage(L: L, idx: number): string {
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

  /** Takes the interpreter's common paths before any script does (see interpreter-warmup.ts). */
  private warmInterpreter(): void {
    const sha = this.load(INTERPRETER_WARMUP);
    for (let i = 0; i < ROUNDS; i++) this.run(() => null, sha, undefined, [], []);
    lauxlib.luaL_unref(this.L, lua.LUA_REGISTRYINDEX, this.scripts.get(sha)!);
    this.scripts.delete(sha);
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
