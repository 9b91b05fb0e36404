// The parity harness: every *.queue.test.ts scenario runs once on the in-memory client and once on a
// real redis-server (REDIS_URL, or one this harness starts on a free loopback port).
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Redis } from 'ioredis';
import { createConnection } from '../../src/index.ts';
import { mustHaveRealRedis, realRedisUnavailableReason, startRealRedis } from '../../../tools/redis-server.ts';
import type { RealRedis } from '../../../tools/redis-server.ts';
import { snapshotState } from './state-snapshot.ts';
import type { ScenarioNames, StateSnapshot } from './state-snapshot.ts';

export type BackendName = 'memory' | 'redis';

export type Backend = {
  name: BackendName;
  /** A fresh connection; closed automatically after the file. */
  connect(): Redis;
  /** The real server's URL (redis backend only). */
  url(): string;
  /** A queue name no other test (or parallel test file on a shared REDIS_URL) uses. */
  queueName(label: string): string;
  /**
   * Leaves this scenario's final state out of the comparison between the backends, saying why (a count
   * that depends on timing, such as how many ticks a scheduler made before the test stopped it).
   */
  skipStateComparison(reason: string): void;
};

// The state each scenario left on the in-memory backend, by test name; the real-Redis run of the same
// scenario (it runs after, in the same file) must leave the same (see state-snapshot.ts).
const memoryStates = new Map<string, StateSnapshot>();

let warned = false;

/** Backends to run: memory always; real Redis unless redis-server is missing outside CI (loudly). */
export function backendNames(): BackendName[] {
  const reason = realRedisUnavailableReason();
  if (reason && !mustHaveRealRedis()) {
    if (!warned) {
      warned = true;
      const bar = '!'.repeat(78);
      console.warn(
        `${bar}\nSKIPPING the real-Redis half of the parity suite: ${reason}\n(set CI=true to make this a failure)\n${bar}`,
      );
    }
    return ['memory'];
  }
  return ['memory', 'redis'];
}

let counter = 0;

/** Call inside a describe block: starts the backend before its tests and cleans up after. */
export function useBackend(name: BackendName): Backend {
  let real: RealRedis | undefined;
  const open: Redis[] = [];
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  beforeAll(async () => {
    if (name === 'redis') real = await startRealRedis();
  }, 20_000);
  afterAll(async () => {
    for (const c of open.splice(0)) c.disconnect();
    // On a Redis that is not ours (REDIS_URL), remove what this file wrote: every name it used carries `run`.
    if (real && !real.owned) await removeKeysMatching(real.url, `*-${run}-*`);
    await real?.stop();
  });
  let names: ScenarioNames = new Map();
  let skipReason: string | undefined;
  beforeEach(() => {
    names = new Map();
    skipReason = undefined;
  });
  afterEach(async ({ task }) => {
    if (skipReason !== undefined || names.size === 0 || task.result?.state === 'fail') return;
    const probe = connectTo();
    try {
      const state = await snapshotState(probe, names);
      if (name === 'memory') memoryStates.set(task.name, state);
      else if (memoryStates.has(task.name)) {
        expect(state, 'Redis state after this scenario: real Redis vs memory').toEqual(memoryStates.get(task.name));
      }
    } finally {
      probe.disconnect();
    }
  });
  const connectTo = () =>
    name === 'memory' ? createConnection({ url: 'memory' }) : createConnection({ url: real!.url });
  return {
    name,
    skipStateComparison(reason: string) {
      skipReason = reason;
    },
    connect() {
      const c = connectTo();
      open.push(c);
      return c;
    },
    url() {
      if (!real) throw new Error('the memory backend has no URL');
      return real.url;
    },
    queueName(label: string) {
      const unique = `${label}-${run}-${++counter}`;
      names.set(unique, label);
      return unique;
    },
  };
}

async function removeKeysMatching(url: string, pattern: string): Promise<void> {
  const redis = createConnection({ url });
  try {
    for await (const keys of redis.scanStream({ match: pattern, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

/** Resolves when `event` fires on `emitter` and `match` accepts its arguments; rejects after timeoutMs. */
export function once<T extends unknown[]>(
  emitter: { on(e: string, f: (...a: T) => void): unknown; off(e: string, f: (...a: T) => void): unknown },
  event: string,
  match: (...args: T) => boolean = () => true,
  timeoutMs = 60_000, // a guard against a hang, not a speed limit: generous for a busy machine
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for '${event}'`));
    }, timeoutMs);
    const listener = (...args: T) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    emitter.on(event, listener);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() returns a truthy value; fails with `what` after timeoutMs. */
export async function until<T>(what: string, check: () => Promise<T> | T, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(20);
  }
}
