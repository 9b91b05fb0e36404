// cmsgpack for the Lua bridge (Redis's lua-cmsgpack): BullMQ packs job options with msgpackr in JS
// and unpacks them in Lua with cmsgpack.unpack. Integers of any width become Lua numbers (doubles).
import fengari from 'fengari';

import { pushOwnedBytes } from './lua-strings.ts';
import { raiseWithPosition } from './values.ts';

const { lua, to_luastring } = fengari;
type L = unknown;

class MsgpackError extends Error {}

class Reader {
  pos = 0;
  private readonly view: DataView;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new MsgpackError('Missing bytes in input.');
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }
  i8(): number {
    this.need(1);
    return this.view.getInt8(this.pos++);
  }
  i16(): number {
    this.need(2);
    const v = this.view.getInt16(this.pos);
    this.pos += 2;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): number {
    this.need(8);
    const v = Number(this.view.getBigUint64(this.pos));
    this.pos += 8;
    return v;
  }
  i64(): number {
    this.need(8);
    const v = Number(this.view.getBigInt64(this.pos));
    this.pos += 8;
    return v;
  }
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos);
    this.pos += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }
  /** The next n bytes, copied (so the Lua string made from them owns them). */
  rawCopy(n: number): Uint8Array {
    this.need(n);
    const v = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  raw(n: number): Uint8Array {
    this.need(n);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

/** Decodes one value and pushes it (nil for unsupported ext types). */
function decodeOne(L: L, r: Reader): void {
  lua.lua_checkstack(L, 3);
  const t = r.u8();
  if (t <= 0x7f) return lua.lua_pushnumber(L, t);
  if (t >= 0xe0) return lua.lua_pushnumber(L, t - 0x100);
  if ((t & 0xf0) === 0x80) return decodeMap(L, r, t & 0x0f);
  if ((t & 0xf0) === 0x90) return decodeArray(L, r, t & 0x0f);
  if ((t & 0xe0) === 0xa0) return pushOwnedBytes(L, r.rawCopy(t & 0x1f));
  switch (t) {
    case 0xc0:
      return lua.lua_pushnil(L);
    case 0xc2:
      return lua.lua_pushboolean(L, false);
    case 0xc3:
      return lua.lua_pushboolean(L, true);
    case 0xc4:
    case 0xd9:
      return pushOwnedBytes(L, r.rawCopy(r.u8()));
    case 0xc5:
    case 0xda:
      return pushOwnedBytes(L, r.rawCopy(r.u16()));
    case 0xc6:
    case 0xdb:
      return pushOwnedBytes(L, r.rawCopy(r.u32()));
    case 0xca:
      return lua.lua_pushnumber(L, r.f32());
    case 0xcb:
      return lua.lua_pushnumber(L, r.f64());
    case 0xcc:
      return lua.lua_pushnumber(L, r.u8());
    case 0xcd:
      return lua.lua_pushnumber(L, r.u16());
    case 0xce:
      return lua.lua_pushnumber(L, r.u32());
    case 0xcf:
      return lua.lua_pushnumber(L, r.u64());
    case 0xd0:
      return lua.lua_pushnumber(L, r.i8());
    case 0xd1:
      return lua.lua_pushnumber(L, r.i16());
    case 0xd2:
      return lua.lua_pushnumber(L, r.i32());
    case 0xd3:
      return lua.lua_pushnumber(L, r.i64());
    case 0xdc:
      return decodeArray(L, r, r.u16());
    case 0xdd:
      return decodeArray(L, r, r.u32());
    case 0xde:
      return decodeMap(L, r, r.u16());
    case 0xdf:
      return decodeMap(L, r, r.u32());
    // ext types: lua-cmsgpack has none; skip the payload and yield nil.
    case 0xd4:
      r.raw(2);
      return lua.lua_pushnil(L);
    case 0xd5:
      r.raw(3);
      return lua.lua_pushnil(L);
    case 0xd6:
      r.raw(5);
      return lua.lua_pushnil(L);
    case 0xd7:
      r.raw(9);
      return lua.lua_pushnil(L);
    case 0xd8:
      r.raw(17);
      return lua.lua_pushnil(L);
    case 0xc7:
      r.raw(r.u8() + 1);
      return lua.lua_pushnil(L);
    case 0xc8:
      r.raw(r.u16() + 1);
      return lua.lua_pushnil(L);
    case 0xc9:
      r.raw(r.u32() + 1);
      return lua.lua_pushnil(L);
  }
  throw new MsgpackError(`Bad data format in input (type byte 0x${t.toString(16)}).`);
}

function decodeArray(L: L, r: Reader, n: number): void {
  lua.lua_createtable(L, n, 0);
  for (let i = 1; i <= n; i++) {
    decodeOne(L, r);
    lua.lua_rawseti(L, -2, i);
  }
}

function decodeMap(L: L, r: Reader, n: number): void {
  lua.lua_createtable(L, 0, n);
  for (let i = 0; i < n; i++) {
    decodeOne(L, r);
    decodeOne(L, r);
    if (lua.lua_isnil(L, -2) || lua.lua_isnil(L, -1)) lua.lua_pop(L, 2);
    else lua.lua_rawset(L, -3);
  }
}

class Writer {
  parts: number[] = [];
  byte(b: number): void {
    this.parts.push(b & 0xff);
  }
  bytes(u: ArrayLike<number>): void {
    for (let i = 0; i < u.length; i++) this.parts.push(u[i]!);
  }
  be(n: number, size: number): void {
    const buf = new DataView(new ArrayBuffer(8));
    if (size === 2) buf.setUint16(0, n);
    else if (size === 4) buf.setUint32(0, n);
    else buf.setBigUint64(0, BigInt.asUintN(64, BigInt(n)));
    this.bytes(new Uint8Array(buf.buffer, 0, size));
  }
}

function encodeNumber(w: Writer, n: number): void {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) {
    if (n >= 0) {
      if (n <= 0x7f) w.byte(n);
      else if (n <= 0xff) (w.byte(0xcc), w.byte(n));
      else if (n <= 0xffff) (w.byte(0xcd), w.be(n, 2));
      else if (n <= 0xffffffff) (w.byte(0xce), w.be(n, 4));
      else (w.byte(0xcf), w.be(n, 8));
    } else {
      if (n >= -32) w.byte(n);
      else if (n >= -128) (w.byte(0xd0), w.byte(n));
      else if (n >= -32768) (w.byte(0xd1), w.be(n & 0xffff, 2));
      else if (n >= -2147483648) (w.byte(0xd2), w.be(n >>> 0, 4));
      else (w.byte(0xd3), w.be(n, 8));
    }
    return;
  }
  const view = new DataView(new ArrayBuffer(8));
  if (Math.fround(n) === n || Number.isNaN(n)) {
    view.setFloat32(0, n);
    w.byte(0xca);
    w.bytes(new Uint8Array(view.buffer, 0, 4));
  } else {
    view.setFloat64(0, n);
    w.byte(0xcb);
    w.bytes(new Uint8Array(view.buffer, 0, 8));
  }
}

function encodeBytes(w: Writer, b: Uint8Array): void {
  const n = b.length;
  if (n < 32) w.byte(0xa0 | n);
  else if (n <= 0xff) (w.byte(0xd9), w.byte(n));
  else if (n <= 0xffff) (w.byte(0xda), w.be(n, 2));
  else (w.byte(0xdb), w.be(n, 4));
  w.bytes(b);
}

/** lua-cmsgpack's rule: a table is an array when its keys are exactly 1..n. */
function tableArrayLength(L: L, idx: number): number {
  let count = 0,
    max = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    lua.lua_pop(L, 1);
    if (lua.lua_type(L, -1) !== lua.LUA_TNUMBER) {
      lua.lua_pop(L, 1);
      return -1;
    }
    const k = lua.lua_tonumber(L, -1);
    if (!Number.isInteger(k) || k < 1) {
      lua.lua_pop(L, 1);
      return -1;
    }
    count++;
    if (k > max) max = k;
  }
  return max === count ? count : -1;
}

function encodeValue(L: L, w: Writer, idx: number, depth: number): void {
  idx = lua.lua_absindex(L, idx);
  lua.lua_checkstack(L, 3);
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNUMBER:
      return encodeNumber(w, lua.lua_tonumber(L, idx));
    case lua.LUA_TSTRING:
      return encodeBytes(w, lua.lua_tolstring(L, idx));
    case lua.LUA_TBOOLEAN:
      return w.byte(lua.lua_toboolean(L, idx) ? 0xc3 : 0xc2);
    case lua.LUA_TTABLE: {
      if (depth > 16) return w.byte(0xc0); // lua-cmsgpack's nesting limit
      const n = tableArrayLength(L, idx);
      if (n >= 0) {
        if (n < 16) w.byte(0x90 | n);
        else if (n <= 0xffff) (w.byte(0xdc), w.be(n, 2));
        else (w.byte(0xdd), w.be(n, 4));
        for (let i = 1; i <= n; i++) {
          lua.lua_rawgeti(L, idx, i);
          encodeValue(L, w, -1, depth + 1);
          lua.lua_pop(L, 1);
        }
        return;
      }
      let size = 0;
      lua.lua_pushnil(L);
      while (lua.lua_next(L, idx) !== 0) (lua.lua_pop(L, 1), size++);
      if (size < 16) w.byte(0x80 | size);
      else if (size <= 0xffff) (w.byte(0xde), w.be(size, 2));
      else (w.byte(0xdf), w.be(size, 4));
      lua.lua_pushnil(L);
      while (lua.lua_next(L, idx) !== 0) {
        encodeValue(L, w, -2, depth + 1);
        encodeValue(L, w, -1, depth + 1);
        lua.lua_pop(L, 1);
      }
      return;
    }
    default:
      return w.byte(0xc0);
  }
}

function guard(fn: (L: L) => number) {
  return (L: L) => {
    try {
      return fn(L);
    } catch (error) {
      if (!(error instanceof MsgpackError) && !(error instanceof RangeError)) throw error;
      return raiseWithPosition(L, error.message);
    }
  };
}

export function installCmsgpack(L: L): void {
  lua.lua_newtable(L);
  lua.lua_pushjsfunction(
    L,
    guard((L) => {
      const n = lua.lua_gettop(L);
      if (n === 0) throw new MsgpackError('MessagePack pack needs input.');
      const w = new Writer();
      for (let i = 1; i <= n; i++) encodeValue(L, w, i, 0);
      pushOwnedBytes(L, Uint8Array.from(w.parts));
      return 1;
    }),
  );
  lua.lua_setfield(L, -2, to_luastring('pack'));
  lua.lua_pushjsfunction(
    L,
    guard((L) => {
      if (lua.lua_type(L, 1) !== lua.LUA_TSTRING) throw new MsgpackError('MessagePack unpack needs a string.');
      const r = new Reader(lua.lua_tolstring(L, 1));
      const base = lua.lua_gettop(L);
      while (r.pos < r.bytes.length) decodeOne(L, r);
      return lua.lua_gettop(L) - base;
    }),
  );
  lua.lua_setfield(L, -2, to_luastring('unpack'));
  lua.lua_setglobal(L, to_luastring('cmsgpack'));
}
