// What client/ioredis-mock-adapter.ts relies on inside ioredis-mock (pinned), checked one by one so an
// upgrade that changes any of it fails here, by name, rather than somewhere in a queue.
import RedisMock from 'ioredis-mock';
import type { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MemoryRedis } from '../src/index.ts';

const port = () => 20_000 + Math.floor(Math.random() * 40_000);
type Internals = Record<string, unknown> & {
  context?: { modifiedKeyEvents?: EventEmitter };
  channels?: EventEmitter & { instanceListeners?: Map<string, Map<unknown, unknown>> };
};

describe('ioredis-mock, as the adapter relies on it', () => {
  it('installs its commands as own properties of each instance (the adapter takes them off)', () => {
    const mock = new RedisMock({ lazyConnect: true, port: port() }) as unknown as Internals;
    for (const name of ['get', 'hset', 'evalsha', 'getBuffer', 'watch']) {
      expect(Object.getOwnPropertyNames(mock), `ioredis-mock no longer puts '${name}' on the instance`).toContain(name);
    }
    const client = new MemoryRedis({ port: port(), lazyConnect: true }) as unknown as Internals;
    const proto = Object.getPrototypeOf(client) as Internals;
    // Our own implementations show through, the pub/sub ones stay ioredis-mock's.
    expect(client.get).toBe(proto.get);
    expect(client.getBuffer).toBe(proto.getBuffer);
    expect(Object.getOwnPropertyNames(client), 'pub/sub stays ioredis-mock').toContain('subscribe');
    expect(proto.subscribe).toBeUndefined();
  });

  it('hooks each instance into WATCH bookkeeping on a shared emitter (the adapter unhooks it)', () => {
    const p = port();
    const mock = new RedisMock({ lazyConnect: true, port: p }) as unknown as Internals;
    const shared = mock.context?.modifiedKeyEvents;
    expect(shared, 'ioredis-mock no longer has context.modifiedKeyEvents').toBeDefined();
    expect(typeof mock._signalModifiedKey).toBe('function');
    const before = shared!.listenerCount('modified');
    const clients = Array.from({ length: 5 }, () => new MemoryRedis({ port: p, lazyConnect: true }));
    expect(shared!.listenerCount('modified')).toBe(before);
    clients.forEach((c) => c.disconnect());
  });

  it('keeps pub/sub listeners in a shared channel registry (the adapter removes them on close)', async () => {
    const p = port();
    const subscriber = new MemoryRedis({ port: p });
    const publisher = new MemoryRedis({ port: p });
    const registry = (subscriber as unknown as Internals).channels;
    const got: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => got.push(message));
    await subscriber.subscribe('news');
    expect(registry?.instanceListeners, 'ioredis-mock no longer has channels.instanceListeners').toBeInstanceOf(Map);
    await publisher.publish('news', 'hello');
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['hello']);
    expect(registry!.listenerCount('news')).toBe(1);
    subscriber.disconnect();
    expect(registry!.listenerCount('news')).toBe(0);
    expect(registry!.instanceListeners!.get('news')?.has(subscriber)).toBe(false);
    publisher.disconnect();
  });
});
