// Don't block the event loop: the order callbacks run in, the thread pool, and a long loop cut into slices.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { countPrimes, countPrimesInSlices } from '../src/count-primes.ts';

const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`../src/${name}`, import.meta.url));

it('event-loop-order.ts: synchronous code, nextTick, promises, setImmediate, then the timer', async () => {
  const { stdout } = await run(process.execPath, [script('event-loop-order.ts')]);
  expect(stdout.split('\n').map((line) => line.slice(0, 1))).toEqual(['E', 'D', 'C', 'B', 'A', '']);
});

it('thread-pool.ts runs the eight hashes with a pool of 4, then of 8', { timeout: 60_000 }, async () => {
  const { stdout } = await run(process.execPath, [script('thread-pool.ts')]);
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^thread pool of 4: #1 \d+\.\d s, #2 .*#8 \d+\.\d s$/);
  expect(lines[1]).toMatch(/^thread pool of 8: #1 \d+\.\d s, .*#8 \d+\.\d s$/);
});

describe('a long loop', () => {
  it('counts the same primes whole or in slices', async () => {
    expect(countPrimes(100)).toBe(25);
    expect(await countPrimesInSlices(100, 7)).toBe(25);
    expect(await countPrimesInSlices(100_000)).toBe(countPrimes(100_000));
  });

  it('in slices, lets a callback that is waiting run before it is done', async () => {
    let ranBeforeTheEnd = false;
    const counting = countPrimesInSlices(200_000, 5_000);
    setImmediate(() => (ranBeforeTheEnd = true));
    await counting;
    expect(ranBeforeTheEnd).toBe(true);
  });

  it('whole, holds the loop: nothing else runs until it is done', async () => {
    let ranBeforeTheEnd = false;
    setImmediate(() => (ranBeforeTheEnd = true));
    countPrimes(200_000);
    expect(ranBeforeTheEnd).toBe(false);
  });
});

describe('GET /primes and /primes-sliced', () => {
  it('answer with the count, and 400 for a bad limit', async () => {
    const app = buildApp();
    for (const path of ['/primes', '/primes-sliced']) {
      expect((await app.inject(`${path}?below=100`)).json()).toEqual({ below: 100, primes: 25 });
      const bad = await app.inject(`${path}?below=ten`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toBe('querystring/below must be integer');
    }
    await app.close();
  });
});

it('loop-lag.ts measures the delay with the loop held and with the loop sliced', { timeout: 60_000 }, async () => {
  const { stdout } = await run(process.execPath, [script('loop-lag.ts')]);
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(6);
  expect(lines[0]).toMatch(/^GET \/primes\?below=1000000: 78498 primes, took \d+ ms$/);
  expect(lines[3]).toMatch(/^GET \/primes-sliced\?below=1000000: 78498 primes, took \d+ ms$/);
  for (const i of [1, 4]) expect(lines[i]).toMatch(/GET \/async-demo \(waits 100 ms\) at the same time: took \d+ ms$/);
  for (const i of [2, 5]) expect(lines[i]).toMatch(/event-loop delay: max \d+ ms, 99th percentile \d+ ms$/);
  // The held loop delays everything by at least as long as the count takes; that much the code guarantees.
  const number = (line: string | undefined, re: RegExp) => Number(re.exec(line ?? '')?.[1]);
  const held = number(lines[0], /took (\d+) ms/);
  expect(number(lines[1], /took (\d+) ms/)).toBeGreaterThanOrEqual(held * 0.5);
});
