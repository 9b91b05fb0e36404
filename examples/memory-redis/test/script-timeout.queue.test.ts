// Parity: a script that runs past busy-reply-threshold (Redis's lua-time-limit). Redis keeps running it,
// answers other clients BUSY, and lets SCRIPT KILL stop it unless it has written (UNKILLABLE). The
// in-memory server pauses such a script from a Lua count hook and runs it on in slices between turns of
// the event loop, so it can do the same in one JavaScript thread.
import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { backendNames, until, useBackend } from './support/backends.ts';

const LOOP_FOREVER = 'while true do end';
const THRESHOLD_MS = 100;

/** Polls with PING until the server answers BUSY (a script is past its threshold). */
async function untilBusy(other: Redis): Promise<void> {
  await until('the server answers BUSY', async () => {
    const answer = await other.ping().catch((error: Error) => error.message);
    return answer.startsWith('BUSY ');
  });
}

describe.each(backendNames())('a long-running script on %s', (name) => {
  const backend = useBackend(name);
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function clients(): Promise<[Redis, Redis]> {
    const runner = backend.connect();
    const other = backend.connect();
    await Promise.all([runner.ping(), other.ping()]);
    await other.config('SET', 'busy-reply-threshold', String(THRESHOLD_MS));
    cleanups.push(() => other.config('SET', 'busy-reply-threshold', '5000'));
    return [runner, other];
  }

  it('is configurable with CONFIG SET busy-reply-threshold (and its old name lua-time-limit)', async () => {
    const [, other] = await clients();
    expect(await other.config('GET', 'busy-reply-threshold')).toEqual(['busy-reply-threshold', '100']);
    await other.config('SET', 'lua-time-limit', '250');
    expect(await other.config('GET', 'busy-reply-threshold')).toEqual(['busy-reply-threshold', '250']);
  });

  it('answers BUSY past the threshold, and SCRIPT KILL stops a script that has not written', async () => {
    const [runner, other] = await clients();
    const running = runner.eval(LOOP_FOREVER, 0).then(
      () => 'ended',
      (error: Error) => error.message,
    );
    await untilBusy(other);
    await expect(other.get('anything')).rejects.toThrow(
      'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
    );
    expect(await other.script('KILL')).toBe('OK');
    expect(await running).toMatch(
      /^ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:1\.$/,
    );
    expect(await other.ping()).toBe('PONG');
    expect(await runner.ping()).toBe('PONG');
    await expect(other.script('KILL')).rejects.toThrow('NOTBUSY No scripts in execution right now.');
  });

  it('answers UNKILLABLE once the script has written, and the script then runs to its end', async () => {
    const [runner, other] = await clients();
    const key = backend.queueName('unkillable');
    // A loop long enough to outlast the threshold by far on this backend (fengari is much slower than
    // Redis's Lua): calibrated here, then sized for about 2 s.
    const spin = 'local n = tonumber(ARGV[1]) local i = 0 while i < n do i = i + 1 end return i';
    const probe = 1_000_000;
    const started = performance.now();
    await runner.eval(spin, 0, probe);
    const perIteration = (performance.now() - started) / probe;
    const iterations = Math.min(Math.ceil(2_000 / perIteration), 2_000_000_000);
    const running = runner.eval(`redis.call('SET', KEYS[1], 'written') ${spin}`, 1, key, iterations);
    await untilBusy(other);
    await expect(other.script('KILL')).rejects.toThrow(/^UNKILLABLE Sorry the script already executed write commands/);
    expect(await running).toBe(iterations);
    expect(await other.get(key)).toBe('written');
  });

  it("keeps the script's own client waiting behind it, and answers it in order", async () => {
    const [runner, other] = await clients();
    const key = backend.queueName('order');
    const running = runner.eval(LOOP_FOREVER, 0).catch((error: Error) => error.message);
    const after = runner.set(key, 'after the script');
    await untilBusy(other);
    await other.script('KILL');
    expect(await running).toMatch(/^ERR Script killed by user/);
    expect(await after).toBe('OK');
    expect(await other.get(key)).toBe('after the script');
  });

  // Where a script cannot pause (inside MULTI, a pipeline, or a Lua callback), one JavaScript thread
  // cannot serve other clients meanwhile: memory-redis stops the script with an error instead.
  if (name === 'memory')
    it('stops a script past the threshold where it cannot pause, with an error that says so', async () => {
      const [runner] = await clients();
      const [error] = (await runner.multi().eval(LOOP_FOREVER, 0).exec())!.map(([e]) => e);
      expect(error?.message).toMatch(/^ERR Script ran longer than busy-reply-threshold \(100 ms\).*inside MULTI/);
      await expect(
        runner.eval('local t = {3, 2, 1} table.sort(t, function(a, b) while true do end end)', 0),
      ).rejects.toThrow(/a Lua callback such as a table.sort comparator/);
      // A pcall in the script cannot swallow the stop.
      const swallow = 'while true do pcall(function() while true do end end) end';
      const [stopped] = (await runner.multi().eval(swallow, 0).exec())!.map(([e]) => e);
      expect(stopped?.message).toMatch(/^ERR Script ran longer than busy-reply-threshold/);
      expect(await runner.ping()).toBe('PONG');
    });
});
