// The whole Redis state a parity scenario left behind, in a form both backends must agree on: every key the
// scenario created (found by the names it asked useBackend for), with its type, whether it has a TTL, its
// size (string length, list/set/zset/stream length, hash fields) and, for hashes, its field names. Values
// that differ by nature between two runs (timestamps, random ids) are left out; the names in keys are
// replaced by the label the test gave them, UUIDs (flow job ids) by <uuid> (numbered when several keys
// read alike) and long numbers (timestamps in job ids) by <n>. Two keys of a queue are left out, being a
// matter of timing on either backend: `marker` (did a worker consume the last wake-up signal before it
// closed) and `stalled-check` (a throttle that expires after the stalled interval).
import type { Redis } from 'ioredis';

export type KeyState = { type: string; ttl: 'none' | 'set'; size: number; fields?: string[] };
export type StateSnapshot = Record<string, KeyState>;

/** Names a scenario asked for (the unique queue or key name → the label it stands for). */
export type ScenarioNames = Map<string, string>;

function normalize(text: string, names: ScenarioNames): string {
  let out = text;
  for (const [unique, label] of names) out = out.split(unique).join(`<${label}>`);
  return out
    .replace(/alt-[0-9a-f]{8}-/g, '<prefix>-')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{10,}/g, '<n>');
}

export async function snapshotState(c: Redis, names: ScenarioNames): Promise<StateSnapshot> {
  const keys = new Set<string>();
  for (const unique of names.keys()) {
    let cursor = '0';
    do {
      const [next, found] = await c.scan(cursor, 'MATCH', `*${unique.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
      found.forEach((k) => keys.add(k));
      cursor = next;
    } while (cursor !== '0');
  }
  const entries: [string, KeyState][] = [];
  for (const key of keys) {
    if (key.endsWith(':marker') || key.endsWith(':stalled-check')) continue;
    const type = await c.type(key);
    if (type === 'none') continue; // expired or deleted meanwhile
    const ttl = (await c.pttl(key)) >= 0 ? 'set' : 'none';
    let size = 0;
    let fields: string[] | undefined;
    if (type === 'string') size = await c.strlen(key);
    else if (type === 'list') size = await c.llen(key);
    else if (type === 'set') size = await c.scard(key);
    else if (type === 'zset') size = await c.zcard(key);
    else if (type === 'stream') size = await c.xlen(key);
    else if (type === 'hash') {
      fields = (await c.hkeys(key)).map((f) => normalize(f, names)).sort();
      size = fields.length;
    }
    entries.push([normalize(key, names), { type, ttl, size, ...(fields ? { fields } : {}) }]);
  }
  // Keys that read alike once normalized (several flow children) are told apart by their state, then numbered.
  entries.sort(([a, x], [b, y]) => (a === b ? JSON.stringify(x).localeCompare(JSON.stringify(y)) : a < b ? -1 : 1));
  const snapshot: StateSnapshot = {};
  for (const [name, state] of entries) {
    let unique = name;
    for (let n = 2; unique in snapshot; n++) unique = `${name} #${n}`;
    snapshot[unique] = state;
  }
  return snapshot;
}
