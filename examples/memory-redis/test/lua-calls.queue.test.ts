// Parity: Lua calls, returns and closures behave as in Redis's own Lua. The in-memory engine runs them
// with stack handling of its own (src/lua/fengari-stack.ts reuses stack slots instead of allocating), so
// these are the cases where reusing a slot too early would show: upvalues of closures that outlive their
// frame, varargs, results adjusted to the caller, deep and tail recursion, errors, coroutines and callbacks.
import { describe, expect, it } from 'vitest';
import { backendNames, useBackend } from './support/backends.ts';

describe.each(backendNames())('Lua calls on %s', (name) => {
  const backend = useBackend(name);

  it('keeps each closure its own upvalues, after the frame that made them has returned', async () => {
    const c = backend.connect();
    const script = `
      local fns = {}
      for i = 1, 5 do fns[i] = function() return i * 10 end end
      local n = 0
      while n < 3 do
        n = n + 1
        local m = n
        fns[#fns + 1] = function() return m end
      end
      do
        local x = 'block'
        fns[#fns + 1] = function() return x end
      end
      local function counter()
        local count = 0
        return function() count = count + 1; return count end, function() return count end
      end
      local inc, get = counter()
      local inc2 = counter()
      inc(); inc(); inc2()
      local function padding(a, b, c, d, e, f) return a end
      padding(1, 2, 3, 4, 5, 6)
      local out = {}
      for i = 1, #fns do out[i] = fns[i]() end
      out[#out + 1] = get()
      out[#out + 1] = inc2()
      return out`;
    expect(await c.eval(script, 0)).toEqual([10, 20, 30, 40, 50, 1, 2, 3, 'block', 2, 2]);
  });

  it('passes varargs and fills missing parameters with nil', async () => {
    const c = backend.connect();
    const script = `
      local function fill() local a, b, c, d = 'stale', 'stale', 'stale', 'stale'; return a, b, c, d end
      local function fixed(a, b, c) return tostring(a) .. tostring(b) .. tostring(c) end
      local function va(a, b, ...)
        local rest = {...}
        return select('#', ...), tostring(a), tostring(b), #rest, rest[1], rest[#rest]
      end
      fill()
      local r1 = {va('x')}
      fill()
      local r2 = {va('x', 'y', 'p', 'q', 'r')}
      fill()
      return {fixed(1), r1[1], r1[2], r1[3], r1[4], r2[1], r2[2], r2[3], r2[4], r2[5], r2[6]}`;
    expect(await c.eval(script, 0)).toEqual(['1nilnil', 0, 'x', 'nil', 0, 3, 'x', 'y', 3, 'p', 'r']);
  });

  it('adjusts results to what the caller wants', async () => {
    const c = backend.connect();
    const script = `
      local function none() end
      local function three() return 1, 2, 3 end
      local a, b, c, d = three()
      local e, f = none()
      local t = {three(), three()}
      local u = {(three())}
      local big = {unpack((function() local r = {} for i = 1, 300 do r[i] = i end return r end)())}
      return {a, b, c, tostring(d), tostring(e), tostring(f), #t, #u, #big, big[300], select('#', none())}`;
    expect(await c.eval(script, 0)).toEqual([1, 2, 3, 'nil', 'nil', 'nil', 4, 1, 300, 300, 0]);
  });

  it('recurses deeply (the stack grows) and tail-calls without growing it', async () => {
    const c = backend.connect();
    const script = `
      local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
      local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
      local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
      return {depth(5000), loop(100000, 0), fib(20)}`;
    expect(await c.eval(script, 0)).toEqual([5000, 5000050000, 6765]);
  });

  it('unwinds errors through closures, pcall and error objects', async () => {
    const c = backend.connect();
    const script = `
      local keep
      local ok, err = pcall(function()
        local secret = 'kept'
        keep = function() return secret end
        local function deeper(n) if n == 0 then error({code = 7}) end return deeper(n - 1) + 1 end
        return deeper(50)
      end)
      local ok2, err2 = pcall(error, 'plain')
      local ok3, v3 = pcall(function(...) return select('#', ...) end, 1, nil, 3)
      return {tostring(ok), err.code, keep(), tostring(ok2), err2, tostring(ok3), v3}`;
    expect(await c.eval(script, 0)).toEqual(['false', 7, 'kept', 'false', 'plain', 'true', 3]);
  });

  it('runs coroutines, __call and Lua callbacks called from library code', async () => {
    const c = backend.connect();
    const script = `
      local gen = coroutine.wrap(function(a)
        local total = a
        for i = 1, 3 do
          local step = coroutine.yield(total)
          total = total + step
        end
        return total * 100
      end)
      local r = {gen(1), gen(2), gen(3), gen(4)}
      local callable = setmetatable({}, {__call = function(self, x, y) return x * y end})
      local words = string.gsub('a bb ccc', '%a+', function(w) return #w end)
      local list = {5, 3, 9, 1}
      table.sort(list, function(x, y) return x > y end)
      return {r[1], r[2], r[3], r[4], callable(6, 7), words, table.concat(list, ',')}`;
    expect(await c.eval(script, 0)).toEqual([1, 3, 6, 1000, 42, '1 2 3', '9,5,3,1']);
  });

  it('starts every script with clean locals, whatever the previous script left on the stack', async () => {
    const c = backend.connect();
    await c.eval("local t = {} for i = 1, 200 do t[i] = 'junk' .. i end return unpack(t)", 0);
    const script = `
      local function probe(a, b, c) local d; return {a == nil, b == nil, c == nil, d == nil} end
      local r = probe()
      local n = 0
      for _, v in ipairs(r) do if v then n = n + 1 end end
      return n`;
    expect(await c.eval(script, 0)).toBe(4);
  });
});
