// Parity: BullMQ 6.7's relay (pub/sub between nodes over Redis streams, the relay* scripts that BullMQ 6.2's
// own suite never ran): nodes, exact and wildcard subscriptions, retained messages, inbox delivery,
// the getters, unsubscribe and close. The state each scenario leaves is compared across backends too.
import { Relay } from 'bullmq';
import type { RelayMessage } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { backendNames, until, useBackend } from './support/backends.ts';

describe.each(backendNames())('relay on %s', (name) => {
  const backend = useBackend(name);
  const relays: Relay[] = [];
  afterEach(async () => {
    for (const relay of relays.splice(0).reverse()) await relay.close();
  });

  function node(namespace: string, nodeId: string): Relay {
    const relay = new Relay({
      connection: backend.connect(),
      namespace,
      nodeId,
      name: `node ${nodeId}`,
      blockTimeout: 200,
    });
    relays.push(relay);
    return relay;
  }

  it('delivers to exact and wildcard subscribers on other nodes, once each', async () => {
    const namespace = backend.queueName('ns');
    const [a, b] = [node(namespace, 'node-a'), node(namespace, 'node-b')];
    await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
    const got: string[] = [];
    const record = (who: string) => (m: RelayMessage) => void got.push(`${who} ${m.topic} ${JSON.stringify(m.data)}`);
    await b.subscribe('orders.42.status', record('b-exact'));
    await b.subscribe('orders.*.status', record('b-star'));
    await b.subscribe('orders.>', record('b-tail'));
    await a.subscribe('invoices.>', record('a-tail'));
    const result = await a.publish('orders.42.status', { state: 'paid' });
    expect(result).toMatchObject({ nodes: 1, endpoints: 3 });
    expect(result.mid).toMatch(/^\d+$/);
    await a.publish('invoices.7', 'sent');
    await a.publish('nobody.listens', 1);
    await until('four deliveries', () => got.length >= 4);
    expect(got.sort()).toEqual([
      'a-tail invoices.7 "sent"',
      'b-exact orders.42.status {"state":"paid"}',
      'b-star orders.42.status {"state":"paid"}',
      'b-tail orders.42.status {"state":"paid"}',
    ]);
    const counts = await a.getCounts();
    expect(counts).toMatchObject({ nodes: 2, subscriptions: 4, patterns: 4 });
    expect((await a.getNodes()).map((n) => [n.id, n.info.name]).sort()).toEqual([
      ['node-a', 'node node-a'],
      ['node-b', 'node node-b'],
    ]);
    expect((await a.getPatterns()).map((p) => p.pattern)).toEqual(
      ['invoices.>', 'orders.*.status', 'orders.42.status', 'orders.>'].sort(),
    );
    expect((await a.getSubscriptions({ nodeId: 'node-b' })).map((s) => s.pattern).sort()).toEqual(
      ['orders.*.status', 'orders.42.status', 'orders.>'].sort(),
    );
    expect(await a.getNamespaces()).toContain(namespace);
  });

  it('keeps a retained message for later subscribers until it is deleted', async () => {
    const namespace = backend.queueName('retain');
    const a = node(namespace, 'publisher');
    await a.waitUntilReady();
    await a.publish('config.theme', { color: 'teal' }, { retain: 60_000 });
    const b = node(namespace, 'late');
    const got: RelayMessage[] = [];
    const sub = await b.subscribe('config.theme', (m) => void got.push(m));
    await until('the retained message', () => got.length === 1);
    expect(got[0]).toMatchObject({ topic: 'config.theme', data: { color: 'teal' }, retained: true });
    expect((await a.getRetained()).map((r) => r.topic)).toEqual(['config.theme']);
    expect(await a.deleteRetained('config.theme')).toBe(true);
    expect(await a.deleteRetained('config.theme')).toBe(false);
    expect(await a.getRetained()).toEqual([]);
    await sub.unsubscribe();
    expect(await a.getSubscriptions()).toEqual([]);
  });

  it('unregisters a node on close, and a published message then reaches no one', async () => {
    const namespace = backend.queueName('close');
    const [a, b] = [node(namespace, 'stays'), node(namespace, 'leaves')];
    await b.subscribe('jobs.>', () => {});
    await a.waitUntilReady();
    expect((await a.getCounts()).nodes).toBe(2);
    await b.close();
    relays.splice(relays.indexOf(b), 1);
    expect((await a.getCounts()).nodes).toBe(1);
    expect(await a.getSubscriptions()).toEqual([]);
    expect(await a.publish('jobs.1', 'x')).toMatchObject({ nodes: 0, endpoints: 0 });
  });

  it('rejects bad topics and patterns with the same errors', async () => {
    const a = node(backend.queueName('bad'), 'checker');
    await a.waitUntilReady();
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: Error) => e.message,
      );
    const errors = await Promise.all([
      errorOf(a.publish('has space', 1)),
      errorOf(a.publish('wild.*', 1)),
      errorOf(a.subscribe('a.>.b', () => {})),
    ]);
    expect(errors).toEqual(['Invalid topic: has space', 'Invalid topic: wild.*', 'Invalid topic pattern: a.>.b']);
  });

  it('heartbeats keep a node alive; a node that stops is swept with its subscriptions after its lease', async () => {
    const namespace = backend.queueName('sweep');
    const lease = { leaseDuration: 600, sweepInterval: 200, blockTimeout: 100 };
    const survivor = new Relay({ connection: backend.connect(), namespace, nodeId: 'survivor', ...lease });
    relays.push(survivor);
    const doomedConnection = backend.connect();
    const doomed = new Relay({ connection: doomedConnection, namespace, nodeId: 'doomed', ...lease });
    doomed.on('error', () => {}); // it loses its connection on purpose
    await doomed.subscribe('alerts.>', () => {});
    await survivor.waitUntilReady();
    // Past several leases the survivor, heartbeating, is still there.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await survivor.getNodes()).map((n) => n.id).sort()).toEqual(['doomed', 'survivor']);
    doomedConnection.disconnect(); // the node dies without unregistering: no more heartbeats
    await until('the dead node is swept', async () => (await survivor.getNodes()).length === 1);
    expect((await survivor.getNodes()).map((n) => n.id)).toEqual(['survivor']);
    await until('its subscriptions are pruned', async () => (await survivor.getSubscriptions()).length === 0);
    expect(await survivor.publish('alerts.fire', 1)).toMatchObject({ nodes: 0, endpoints: 0 });
    await doomed.close().catch(() => {});
  });
});
