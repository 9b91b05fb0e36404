// One numbered Redis database: typed values by key, expiry deadlines, and the keys touched by the
// current command (the server wakes blocked clients waiting on them).
import { Deque } from './deque.ts';
import { SortedSet } from './sorted-set.ts';
import { Stream } from './stream.ts';
import { now as realNow } from '../util/real-clock.ts';

export type RedisValue = string | Deque | Map<string, string> | Set<string> | SortedSet | Stream;
export type RedisType = 'string' | 'list' | 'hash' | 'set' | 'zset' | 'stream';

export class WrongTypeError extends Error {
  constructor() {
    super('WRONGTYPE Operation against a key holding the wrong kind of value');
  }
}

export function typeOf(value: RedisValue): RedisType {
  if (typeof value === 'string') return 'string';
  if (value instanceof Deque) return 'list';
  if (value instanceof Map) return 'hash';
  if (value instanceof Set) return 'set';
  if (value instanceof SortedSet) return 'zset';
  return 'stream';
}

const factories = {
  list: () => new Deque(),
  hash: () => new Map<string, string>(),
  set: () => new Set<string>(),
  zset: () => new SortedSet(),
  stream: () => new Stream(),
};
type Containers = { list: Deque; hash: Map<string, string>; set: Set<string>; zset: SortedSet; stream: Stream };

export class Database {
  readonly values = new Map<string, RedisValue>();
  readonly expires = new Map<string, number>();
  /** Keys written since the server last looked; used to serve blocked clients. */
  readonly touched = new Set<string>();

  /** Current time for expiry; the server pins it for the length of a script, as Redis does. */
  now: () => number = realNow;

  get(key: string): RedisValue | undefined {
    const value = this.values.get(key);
    if (value === undefined || this.expires.size === 0) return value;
    const deadline = this.expires.get(key);
    if (deadline !== undefined && deadline <= this.now()) {
      this.values.delete(key);
      this.expires.delete(key);
      return undefined;
    }
    return value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  getString(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined || typeof v === 'string') return v;
    throw new WrongTypeError();
  }

  /** The container at key, or undefined; throws WRONGTYPE for another type. */
  read<T extends keyof Containers>(key: string, type: T): Containers[T] | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeOf(v) !== type) throw new WrongTypeError();
    return v as Containers[T];
  }

  /** The container at key, created empty when missing. Callers must call dropIfEmpty after removing. */
  write<T extends keyof Containers>(key: string, type: T): Containers[T] {
    const existing = this.read(key, type);
    this.touched.add(key);
    if (existing) return existing;
    const created = factories[type]() as Containers[T];
    this.values.set(key, created);
    return created;
  }

  setString(key: string, value: string, keepTtl = false): void {
    this.values.set(key, value);
    if (!keepTtl) this.expires.delete(key);
    this.touched.add(key);
  }

  /** Redis deletes a list, hash, set or sorted set when its last element goes (streams stay). */
  dropIfEmpty(key: string): void {
    const v = this.values.get(key);
    if (v === undefined || typeof v === 'string' || v instanceof Stream) return;
    const size = v instanceof Deque ? v.length : v.size;
    if (size === 0) {
      this.values.delete(key);
      this.expires.delete(key);
    }
    this.touched.add(key);
  }

  delete(key: string): boolean {
    const existed = this.get(key) !== undefined;
    this.values.delete(key);
    this.expires.delete(key);
    if (existed) this.touched.add(key);
    return existed;
  }

  /** Every live key (expired ones are dropped on the way). */
  keys(): string[] {
    const out: string[] = [];
    for (const key of this.values.keys()) if (this.get(key) !== undefined) out.push(key);
    return out;
  }

  flush(): void {
    this.values.clear();
    this.expires.clear();
  }
}
