// A short Lua program the engine runs twice when its VM starts, so that V8 compiles fengari's interpreter
// loop once instead of again and again.
//
// Why: fengari's interpreter is one JS function (lvm.js luaV_execute) with a case per Lua opcode. V8
// optimises it after a few hundred Lua calls, and its optimised code assumes that a case never taken so far
// is never taken. So the first script that adds two numbers, returns a vararg list or compares two strings
// after that point throws the optimised code away ("insufficient type feedback"), and V8 compiles the whole
// function again: 150-300 ms of CPU each time, several times in a process's first thousands of jobs. That was
// most of why the first 2,000 jobs cost more per job than later ones. Taking each path once beforehand, with
// the kinds of values BullMQ's scripts use (floats, strings, tables; see the number rules in engine.ts), gives
// V8 the feedback first, so the first optimised version is the last. The program has no effect a script can
// see: it only uses locals, and the engine drops it after running.
//
// It runs twice, each a separate call of luaV_execute: V8 starts recording a function's feedback only once
// the function has run for a while, which the first round sees to. Cost: about 40 ms of CPU once per server
// (mostly compiling the program on a cold JIT, which also warms up the compiler for BullMQ's scripts after
// it); a whole process that connects and adds one job measured no slower.

export const ROUNDS = 2;

export const INTERPRETER_WARMUP = `
local t = {}
local n, m = 3, 4.5
local s = 'bull'
local none = nil
-- arithmetic on registers and constants, numbers and numeric strings, integers (lengths) and floats
local a = n + m + 1 + '2'
a = a - n - 1 - '1'
a = a * m * 2 * '1'
a = a / m / 2 / '1'
a = a % 7 % m % '5'
a = 2 ^ n ^ 0.5 ^ '1'
a = -a
a = -'3'
local len = #s + #t
len = len - #s
len = len * #s
-- comparisons, each both ways: numbers, strings, mixed, booleans, nil, tables
local flags = 0
local function compare(x, y)
  if x < y then flags = flags + 1 end
  if x <= y then flags = flags + 1 end
  if x > y then flags = flags + 1 end
  if x >= y then flags = flags + 1 end
  if x == y then flags = flags + 1 end
  if x ~= y then flags = flags + 1 end
  if not (x < y) then flags = flags + 1 end
  if not (x == y) then flags = flags + 1 end
end
compare(n, m)
compare(m, n)
compare(n, n)
compare(#s, n)
compare(n, #s)
compare(s, 'zzz')
compare('zzz', s)
compare(s, s)
if n == s then flags = flags + 1 end
if t == t then flags = flags + 1 end
if t ~= {} then flags = flags + 1 end
if true == false then flags = flags + 1 end
if none == nil then flags = flags + 1 end
if n == 3 then flags = flags + 1 end
if n ~= 4 then flags = flags + 1 end
if n < 4 then flags = flags + 1 end
if n > 4 then flags = flags + 1 end
if s == 'bull' then flags = flags + 1 end
if s ~= 'mq' then flags = flags + 1 end
-- truth tests, and/or as values, not
if none then flags = flags + 1 end
if not none then flags = flags + 1 end
if t.missing then flags = flags + 1 end
if not t.missing then flags = flags + 1 end
if n and m then flags = flags + 1 end
if none or n then flags = flags + 1 end
local b = none or n
b = n or m
b = n and m
b = none and m
b = t.missing or n
b = t.missing and n or m
b = n and s or m
local truth = not n
truth = not none
truth = n == m
truth = n < m
-- concatenation, strings through their metatable, string functions
local c = s .. ':' .. n .. ':' .. m .. s .. #s
c = s:sub(1, 2) .. string.format('%s-%d-%.2f', s, n, m) .. c:len() .. s:upper()
local found = string.find(c, ':', 1, true)
local matched = string.match(c, '(%d+)')
local replaced = string.gsub(c, ':', '-')
local bytes = string.byte(s, 1) + string.len(s) + #string.rep(s, 2) + #string.char(65)
-- tables: array and hash parts, float and integer keys, new and existing keys, nested tables, lists
t[1] = 'a'
t[#t + 1] = 'b'
t[2] = 'c'
t.name = s
t.name = n
t['id'] = n
t[n] = m
t[m] = n
t[s] = {k = 1, 'x', 'y'}
t[s].k = t[s][1]
local got = t[1] .. t.name .. t['id'] .. t[n] .. t[m] .. #t
local miss = t[99]
miss = t.nothing
local list = {n, m, s, t}
local copy = {unpack(list)}
local part = {n, unpack(list)}
table.insert(copy, 'z')
table.insert(copy, 1, 'y')
local last = table.remove(copy)
last = table.remove(copy, 1)
table.sort(copy, function(x, y) return tostring(x) < tostring(y) end)
local joined = table.concat({'a', 'b', 'c'}, ',')
-- loops: numeric (float and by length), generic over pairs, ipairs, next and a Lua iterator,
-- while, repeat, break
local sum = 0
for i = 1, 3 do sum = sum + i end
for i = 3, 1, -1 do sum = sum + i end
for i = 1, #list do sum = sum + i end
for i = #list, 1, -2 do sum = sum + i end
for k, v in pairs(t) do sum = sum + 1 end
for i, v in ipairs(list) do sum = sum + i end
for k, v in next, t do sum = sum + 1 end
local function upto(limit, i) if i < limit then return i + 1 end end
for i in upto, 3, 0 do sum = sum + i end
while sum > 100 do sum = sum - 100 end
repeat sum = sum + 1 until sum > 0
while true do
  local z = sum
  t.f = function() return z end
  break
end
-- functions: closures, upvalues (read, write, closed in a loop), varargs, multiple and missing
-- results, tail calls to Lua and to JS functions
local counter = 0
local function bump(x) counter = counter + x; return counter end
local function pair(...) return ... end
local function first(...) local x, y = ...; return x end
local function count(...) return select('#', ...) end
local function tail(x) return pair(x, x) end
local function tailjs(x) return tostring(x) end
local function tailnested(x) local g = function() return x end; return pair(g(), x) end
local function multi() return 1, 2, 3 end
local function nothing() end
local fns = {}
for i = 1, 2 do fns[i] = function() return i + counter end end
for i = 1, 2 do fns[i + 2] = function(x) return x end end
bump(1)
local p, q = pair(n, m)
local p1, p2, p3 = pair(n)
local p0 = nothing()
local r = {pair(multi())}
local cnt = count(multi()) + count() + first(n, m) + (first() or 0)
local u, v = tail(s)
local w = tailjs(n) .. tailnested(m)
fns[1]()
nothing()
-- methods on tables, errors caught with pcall, tostring and tonumber, type, select
local obj = {v = 1}
function obj:get() return self.v end
local ok, err = pcall(error, 'x')
ok, err = pcall(function() error({err = 'y'}) end)
ok = pcall(function() return none + 1 end)
ok = pcall(bump, 1)
local num = tonumber('12') + tonumber(n) + obj:get() + select(2, multi())
local str = tostring(num) .. tostring(none) .. tostring(true) .. type(t) .. type(s)
num = math.floor(m) + math.ceil(m) + math.max(n, m) + math.min(n, m) + math.abs(-n)
return {a, b, c, len, found, matched, replaced, bytes, got, miss, part, last, joined, sum,
  p, q, p1, p2, p3, p0, r, cnt, u, v, w, num, str, flags, truth, tostring(ok), err}
`;
