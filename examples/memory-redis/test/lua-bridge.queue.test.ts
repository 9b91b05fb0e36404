// Parity: the Lua bridge (what BullMQ's scripts stand on) gives the same answers as Redis's own Lua:
// reply conversion, errors with the script line, numbers past 2^31 and 2^53, binary strings, cjson, cmsgpack.
import { describe, expect, it } from 'vitest';
import { pack } from 'msgpackr';
import { backendNames, useBackend } from './support/backends.ts';

const SHA = /[0-9a-f]{40}/;

describe.each(backendNames())('Lua bridge on %s', (name) => {
  const backend = useBackend(name);
  const key = (label: string) => backend.queueName(`lua-${label}`);

  it('converts script results: numbers truncate, true → 1, tables stop at the first nil', async () => {
    const c = backend.connect();
    expect(await c.eval("return {1, 2.9, -3.7, 'x', true, false, nil, 'after-nil'}", 0)).toEqual([
      1,
      2,
      -3,
      'x',
      1,
      null,
    ]);
    expect(await c.eval('return 3.99', 0)).toBe(3);
    expect(await c.eval('return false', 0)).toBeNull();
    expect(await c.eval("return {ok='FINE'}", 0)).toBe('FINE');
    expect(await c.eval("return redis.status_reply('ALSO FINE')", 0)).toBe('ALSO FINE');
    await expect(c.eval("return redis.error_reply('MYERR custom')", 0)).rejects.toThrow(/^MYERR custom$/);
  });

  it('converts redis.call replies: nil → false, status → {ok=…}, arrays → tables', async () => {
    const c = backend.connect();
    const k = key('call');
    const script = `
      local missing = redis.call('get', KEYS[1])
      local status = redis.call('set', KEYS[1], 'v')
      redis.call('rpush', KEYS[2], 'a', 'b')
      local list = redis.call('lrange', KEYS[2], 0, -1)
      return {tostring(missing), type(status), status.ok, #list, list[2], redis.call('llen', KEYS[2])}`;
    expect(await c.eval(script, 2, k, k + 'l')).toEqual(['false', 'table', 'OK', 2, 'b', 2]);
  });

  it('raises errors from redis.call and returns them as {err=…} from redis.pcall', async () => {
    const c = backend.connect();
    const k = key('err');
    await c.set(k, 'not a number');
    expect(await c.eval('local r = redis.pcall("incr", KEYS[1]); return r.err', 1, k)).toBe(
      'ERR value is not an integer or out of range',
    );
    const caught = await c.eval('local ok, e = pcall(redis.call, "incr", KEYS[1]); return {tostring(ok), e}', 1, k);
    expect(caught).toEqual(['false', 'ERR value is not an integer or out of range']);
    await expect(c.eval('\nreturn redis.call("incr", KEYS[1])', 1, k)).rejects.toThrow(
      new RegExp(`^ERR value is not an integer or out of range script: ${SHA.source}, on @user_script:2\\.$`),
    );
    await expect(c.eval('return redis.call("lpush", KEYS[1], "x")', 1, k)).rejects.toThrow(
      /^WRONGTYPE Operation against a key/,
    );
    await expect(c.eval('return redis.call("nosuchcommand")', 0)).rejects.toThrow(
      /^ERR Unknown Redis command called from script/,
    );
    await expect(c.eval('return redis.call("get")', 0)).rejects.toThrow(
      /^ERR Wrong number of args calling Redis command from script/,
    );
    await expect(c.eval('return redis.call("set", "k", {})', 0)).rejects.toThrow(
      /^ERR Lua redis lib command arguments must be strings or integers/,
    );
  });

  it('reports script errors as Redis errors with the script line', async () => {
    const c = backend.connect();
    await expect(c.eval("local a = 1\nerror('custom failure')", 0)).rejects.toThrow(
      new RegExp(`^ERR user_script:2: custom failure script: ${SHA.source}, on @user_script:2\\.$`),
    );
    await expect(c.eval("error({err='XERR from a table'})", 0)).rejects.toThrow(/^XERR from a table script: /);
    await expect(c.eval('return +', 0)).rejects.toThrow(/^ERR Error compiling script/);
  });

  it('does arithmetic past 2^31 and 2^53 like Lua 5.1 doubles', async () => {
    const c = backend.connect();
    const script = `return {
      tostring(2^53), tostring(2^31), tostring(1e15), tostring(3.0), tostring(7/2), tostring(-0.5), tostring(1/3),
      tostring(2147483647 + 1), tostring(0x100000000), tostring(0x100000000 * 3 + 7), tostring(65536 * 65536),
      tostring(tonumber(ARGV[1]) + 1), tostring(math.floor(2^40 + 0.5)), string.format('%06d', 42),
      tostring(1e300 * 1e10), tostring(2^63), tostring(12345678901234)}`;
    expect(await c.eval(script, 0, '3000000000')).toEqual([
      '9.007199254741e+15',
      '2147483648',
      '1e+15',
      '3',
      '3.5',
      '-0.5',
      '0.33333333333333',
      '2147483648',
      '4294967296',
      '12884901895',
      '4294967296',
      '3000000001',
      '1099511627776',
      '000042',
      'inf',
      '9.2233720368548e+18',
      '12345678901234',
    ]);
    expect(await c.eval('return {2^31, 2^32 + 5, -2^31 - 1, 2^53, 0x100000000 * 5 + 3}', 0)).toEqual([
      2147483648, 4294967301, -2147483649, 9007199254740992, 21474836483,
    ]);
  });

  it('formats numbers passed to redis.call as Redis does (%.17g)', async () => {
    const c = backend.connect();
    const k = key('num');
    const script = `
      local out = {}
      for i, n in ipairs({0.1, 3, 1e20, 12345678901234567, 2^31, -7.25, 1/3}) do
        redis.call('set', KEYS[1], n)
        out[i] = redis.call('get', KEYS[1])
      end
      redis.call('set', KEYS[1], '2147483647')
      out[#out + 1] = redis.call('incrby', KEYS[1], 2147483647)
      return out`;
    expect(await c.eval(script, 1, k)).toEqual([
      '0.10000000000000001',
      '3',
      '1e+20',
      '12345678901234568',
      '2147483648',
      '-7.25',
      '0.33333333333333331',
      4294967294,
    ]);
  });

  it('leaves numbers inside strings and comments alone', async () => {
    const c = backend.connect();
    const script = `-- 0x100000000 in a comment
      --[[ and 42 in a block comment ]]
      local t = {'a 1 b', [[ 0x10 ]], [==[ 2 ]==], "x\\"3", x1 = 7}
      return {t[1], t[2], t[3], t[4], t.x1, 1e2, .5 * 4, 0xff}`;
    expect(await c.eval(script, 0)).toEqual(['a 1 b', ' 0x10 ', ' 2 ', 'x"3', 7, 100, 2, 255]);
  });

  it('passes binary strings through KEYS, ARGV, replies and sha1hex unchanged', async () => {
    const c = backend.connect();
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    const echoed = (await c.callBuffer('EVAL', 'return ARGV[1]', 0, bytes)) as Buffer;
    expect(Buffer.compare(echoed, bytes)).toBe(0);
    expect(
      await c.eval('return {string.len(ARGV[1]), string.byte(ARGV[1], 1), string.byte(ARGV[1], 256)}', 0, bytes),
    ).toEqual([256, 255, 0]);
    expect(await c.eval('return redis.sha1hex(ARGV[1])', 0, 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(await c.eval('return redis.sha1hex("")', 0)).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    const k = key('binkey');
    await c.eval('redis.call("set", KEYS[1], ARGV[1])', 1, k, bytes);
    expect(Buffer.compare((await c.getBuffer(k))!, bytes)).toBe(0);
  });

  it('cjson: encode/decode round trips, arrays vs objects, cjson.null, escaping', async () => {
    const c = backend.connect();
    const roundTrip = (json: string) =>
      c.eval('return cjson.encode(cjson.decode(ARGV[1]))', 0, json) as Promise<string>;
    const doc = { name: 'job', n: 3, f: 2.5, nested: { list: [1, 'two', true, null], empty: {} }, u: 'é中' };
    const back = JSON.parse(await roundTrip(JSON.stringify(doc)));
    expect(back).toEqual({ ...doc, nested: { list: [1, 'two', true, null], empty: {} } });
    expect(await roundTrip('[]')).toBe('{}');
    expect(await roundTrip('"\\u00e9\\ud83d\\ude00"')).toBe('"é😀"');
    const encoded = await c.eval(
      "return {cjson.encode({1,2,3}), cjson.encode({}), cjson.encode({[1]=1,[3]=3}), cjson.encode('a/b\"c'), cjson.encode(0.1), cjson.encode(1e20), cjson.encode(cjson.null), cjson.encode({a=cjson.null})}",
      0,
    );
    expect(encoded).toEqual(['[1,2,3]', '{}', '[1,null,3]', '"a\\/b\\"c"', '0.1', '1e+20', 'null', '{"a":null}']);
    expect(await c.eval("return tostring(cjson.decode('[null]')[1] == cjson.null)", 0)).toBe('true');
    await expect(c.eval("return cjson.decode('{bad')", 0)).rejects.toThrow(/^ERR user_script:1: /);
  });

  it('cmsgpack: unpacks what msgpackr (BullMQ) packs, and packs like lua-cmsgpack', async () => {
    const c = backend.connect();
    const opts = {
      attempts: 3,
      delay: 1500,
      backoff: { type: 'fixed', delay: 20 },
      jobId: 'x/1',
      lifo: false,
      ts: 1732761600123,
      ratio: 0.25,
      big: 2 ** 40,
      neg: -70000,
    };
    const json = (await c.eval('return cjson.encode(cmsgpack.unpack(ARGV[1]))', 0, pack(opts))) as string;
    expect(JSON.parse(json)).toEqual(opts);
    const hex = async (expr: string) =>
      ((await c.callBuffer('EVAL', `return cmsgpack.pack(${expr})`, 0)) as Buffer).toString('hex');
    expect(await hex('{1, 2, 3}')).toBe('93010203');
    expect(await hex('0, 127, 128, 255, 256, 65536, 2^32, -1, -33, -129, -32769')).toBe(
      '007fcc80ccffcd0100ce00010000cf0000000100000000ffd0dfd1ff7fd2ffff7fff',
    );
    expect(await hex("'abc', true, false, 1.5, 0.1")).toBe('a3616263c3c2ca3fc00000cb3fb999999999999a');
    expect(await hex("{a = 'b'}")).toBe('81a161a162');
    expect(
      await c.eval("local a, b = cmsgpack.unpack(cmsgpack.pack({x = {1, 2}}, 'y')); return {a.x[2], b}", 0),
    ).toEqual([2, 'y']);
  });

  it('caches compiled scripts by SHA1: SCRIPT LOAD, EVALSHA, SCRIPT EXISTS, NOSCRIPT', async () => {
    const c = backend.connect();
    const body = `return 'cached ${key('sha')}'`;
    const sha = (await c.script('LOAD', body)) as string;
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await c.evalsha(sha, 0)).toBe(`cached ${body.slice(15, -1)}`);
    expect(await c.script('EXISTS', sha, '0'.repeat(40))).toEqual([1, 0]);
    await expect(c.evalsha('0'.repeat(40), 0)).rejects.toThrow(/^NOSCRIPT/);
  });

  it('offers the Lua 5.1 names Redis scripts use', async () => {
    const c = backend.connect();
    expect(await c.eval('return {unpack({7, 8})}', 0)).toEqual([7, 8]);
    expect(await c.eval('return table.getn({1, 2, 3})', 0)).toBe(3);
    expect(await c.eval("return loadstring('return 5')()", 0)).toBe(5);
    await expect(c.eval('return type(os)', 0)).rejects.toThrow(
      "Script attempted to access nonexistent global variable 'os'",
    );
    await expect(c.eval('leak = 1', 0)).rejects.toThrow(/^ERR user_script:1: Attempt to modify a readonly table/);
  });
});
