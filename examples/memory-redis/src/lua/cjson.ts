// cjson for the Lua bridge, matching Redis's lua-cjson: arrays vs objects by key shape, cjson.null,
// "%.14g" numbers, "\/" escaping, bytes passed through unchanged (strings are binary).
import fengari from 'fengari';
import { formatLuaNumber } from '../util/number-format.ts';
import { bytesToBinary } from '../util/bytes.ts';
import { pushBinary } from './lua-strings.ts';
import { raiseWithPosition } from './values.ts';

const { lua, to_luastring } = fengari;
type L = unknown;

/** The lightuserdata that stands for JSON null, shared with cmsgpack-free code via identity. */
export const JSON_NULL = { cjson: 'null' };

const ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  47: '\\/',
  92: '\\\\',
};

function escapeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const e = ESCAPES[c];
    if (e) out += e;
    else if (c < 32 || c === 127) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += s[i];
  }
  return out + '"';
}

function encodeNumber(L: L, n: number): string {
  if (!Number.isFinite(n)) throw luaError(L, 'Cannot serialise number: must not be NaN or Inf');
  return formatLuaNumber(n);
}

class EncodeError extends Error {}
function luaError(_L: L, message: string): EncodeError {
  return new EncodeError(message);
}

function typeName(L: L, idx: number): string {
  return fengari.to_jsstring(lua.lua_typename(L, lua.lua_type(L, idx)));
}

/** -1 = object; otherwise the array length (0 = empty table, encoded as {}). */
function arrayLength(L: L, idx: number): number {
  let max = 0,
    count = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    if (lua.lua_type(L, -2) === lua.LUA_TNUMBER) {
      const k = lua.lua_tonumber(L, -2);
      if (Number.isInteger(k) && k >= 1) {
        if (k > max) max = k;
        count++;
        lua.lua_pop(L, 1);
        continue;
      }
    }
    lua.lua_pop(L, 2);
    return -1;
  }
  if (max > count * 2 && max > 10) throw luaError(L, 'Cannot serialise table: excessively sparse array');
  return max;
}

function encode(L: L, idx: number, depth: number): string {
  idx = lua.lua_absindex(L, idx);
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TSTRING:
      return escapeString(bytesToBinary(lua.lua_tolstring(L, idx)));
    case lua.LUA_TNUMBER:
      return encodeNumber(L, lua.lua_tonumber(L, idx));
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx) ? 'true' : 'false';
    case lua.LUA_TNIL:
      return 'null';
    case lua.LUA_TLIGHTUSERDATA:
      if (lua.lua_touserdata(L, idx) === JSON_NULL) return 'null';
      break;
    case lua.LUA_TTABLE: {
      if (depth > 1000) throw luaError(L, `Cannot serialise, excessive nesting (${depth})`);
      const len = arrayLength(L, idx);
      if (len > 0) {
        const parts: string[] = [];
        for (let i = 1; i <= len; i++) {
          lua.lua_rawgeti(L, idx, i);
          parts.push(encode(L, -1, depth + 1));
          lua.lua_pop(L, 1);
        }
        return `[${parts.join(',')}]`;
      }
      const parts: string[] = [];
      lua.lua_pushnil(L);
      while (lua.lua_next(L, idx) !== 0) {
        const kt = lua.lua_type(L, -2);
        let key: string;
        if (kt === lua.LUA_TSTRING) key = escapeString(bytesToBinary(lua.lua_tolstring(L, -2)));
        else if (kt === lua.LUA_TNUMBER) key = `"${encodeNumber(L, lua.lua_tonumber(L, -2))}"`;
        else throw luaError(L, 'Cannot serialise table: table key must be a number or string');
        parts.push(`${key}:${encode(L, -1, depth + 1)}`);
        lua.lua_pop(L, 1);
      }
      return `{${parts.join(',')}}`;
    }
  }
  throw luaError(L, `Cannot serialise ${typeName(L, idx)}: type not supported`);
}

/** JSON → Lua values pushed on the stack; works on bytes so non-UTF-8 content survives. */
class Decoder {
  private i = 0;
  private readonly s: string;
  private readonly L: L;
  constructor(L: L, s: string) {
    this.L = L;
    this.s = s;
  }

  private fail(what: string): never {
    throw new EncodeError(`Expected ${what} but found invalid token at character ${this.i + 1}`);
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  decodeAll(): void {
    this.value(0);
    this.ws();
    if (this.i < this.s.length) this.fail('the end');
  }

  private value(depth: number): void {
    const L = this.L;
    lua.lua_checkstack(L, 4);
    if (depth > 1000)
      throw new EncodeError(`Found too many nested data structures (${depth}) at character ${this.i + 1}`);
    this.ws();
    const c = this.s[this.i];
    if (c === '{') {
      this.i++;
      lua.lua_newtable(L);
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return;
      }
      for (;;) {
        this.ws();
        if (this.s[this.i] !== '"') this.fail('object key string');
        pushBinary(L, this.string());
        this.ws();
        if (this.s[this.i] !== ':') this.fail('colon');
        this.i++;
        this.value(depth + 1);
        lua.lua_rawset(L, -3);
        this.ws();
        if (this.s[this.i] === ',') this.i++;
        else if (this.s[this.i] === '}') {
          this.i++;
          return;
        } else this.fail('comma or object end');
      }
    }
    if (c === '[') {
      this.i++;
      lua.lua_newtable(L);
      this.ws();
      if (this.s[this.i] === ']') {
        this.i++;
        return;
      }
      for (let n = 1; ; n++) {
        this.value(depth + 1);
        lua.lua_rawseti(L, -2, n);
        this.ws();
        if (this.s[this.i] === ',') this.i++;
        else if (this.s[this.i] === ']') {
          this.i++;
          return;
        } else this.fail('comma or array end');
      }
    }
    if (c === '"') return void pushBinary(L, this.string());
    for (const [word, push] of [
      ['true', () => lua.lua_pushboolean(L, true)],
      ['false', () => lua.lua_pushboolean(L, false)],
      ['null', () => lua.lua_pushlightuserdata(L, JSON_NULL)],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return void push();
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail('value');
    this.i += m[0].length;
    lua.lua_pushnumber(L, Number(m[0]));
  }

  /** Reads a JSON string at s[i] === '"'; returns it as a binary (UTF-8 byte) string. */
  private string(): string {
    const s = this.s;
    let out = '';
    this.i++;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const e = s[this.i + 1];
      this.i += 2;
      const simple: Record<string, string> = {
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
        '"': '"',
        '\\': '\\',
        '/': '/',
      };
      if (e !== undefined && simple[e] !== undefined) out += simple[e];
      else if (e === 'u') {
        let code = parseInt(s.slice(this.i, this.i + 4), 16);
        this.i += 4;
        if (code >= 0xd800 && code < 0xdc00 && s[this.i] === '\\' && s[this.i + 1] === 'u') {
          const low = parseInt(s.slice(this.i + 2, this.i + 6), 16);
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          this.i += 6;
        }
        out += bytesToBinary(new TextEncoder().encode(String.fromCodePoint(code)));
      } else this.fail('escape sequence');
    }
    this.fail('string end');
  }
}

function wrap(fn: (L: L) => number) {
  return (L: L) => {
    try {
      return fn(L);
    } catch (error) {
      if (!(error instanceof EncodeError)) throw error;
      return raiseWithPosition(L, error.message);
    }
  };
}

export function installCjson(L: L): void {
  lua.lua_newtable(L);
  lua.lua_pushjsfunction(
    L,
    wrap((L) => {
      lauxCheckAny(L);
      pushBinary(L, encode(L, 1, 0));
      return 1;
    }),
  );
  lua.lua_setfield(L, -2, to_luastring('encode'));
  lua.lua_pushjsfunction(
    L,
    wrap((L) => {
      if (lua.lua_type(L, 1) !== lua.LUA_TSTRING && lua.lua_type(L, 1) !== lua.LUA_TNUMBER) {
        throw new EncodeError("bad argument #1 to 'decode' (string expected)");
      }
      new Decoder(L, bytesToBinary(lua.lua_tolstring(L, 1))).decodeAll();
      return 1;
    }),
  );
  lua.lua_setfield(L, -2, to_luastring('decode'));
  lua.lua_pushlightuserdata(L, JSON_NULL);
  lua.lua_setfield(L, -2, to_luastring('null'));
  lua.lua_setglobal(L, to_luastring('cjson'));
}

function lauxCheckAny(L: L): void {
  if (lua.lua_gettop(L) < 1) throw new EncodeError("bad argument #1 to 'encode' (value expected)");
}
