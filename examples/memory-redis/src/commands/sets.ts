// Set commands.
import { parseInteger } from './types.ts';
import type { CommandSpec } from './types.ts';

export const setCommands: Record<string, CommandSpec> = {
  sadd: {
    arity: -3,
    fn: ({ db }, [key, ...members]) => {
      const set = db.write(key!, 'set');
      let n = 0;
      for (const m of members) if (!set.has(m)) (set.add(m), n++);
      return n;
    },
  },
  srem: {
    arity: -3,
    fn: ({ db }, [key, ...members]) => {
      const set = db.read(key!, 'set');
      if (!set) return 0;
      let n = 0;
      for (const m of members) if (set.delete(m)) n++;
      db.dropIfEmpty(key!);
      return n;
    },
  },
  smembers: { arity: 2, fn: ({ db }, [key]) => [...(db.read(key!, 'set') ?? [])] },
  sismember: { arity: 3, fn: ({ db }, [key, m]) => (db.read(key!, 'set')?.has(m!) ? 1 : 0) },
  smismember: {
    arity: -3,
    fn: ({ db }, [key, ...members]) => {
      const set = db.read(key!, 'set');
      return members.map((m) => (set?.has(m) ? 1 : 0));
    },
  },
  scard: { arity: 2, fn: ({ db }, [key]) => db.read(key!, 'set')?.size ?? 0 },
  spop: {
    arity: -2,
    fn: ({ db }, [key, count]) => {
      const set = db.read(key!, 'set');
      const n = count === undefined ? 1 : parseInteger(count);
      const popped: string[] = [];
      for (const m of set ?? []) {
        if (popped.length >= n) break;
        popped.push(m);
      }
      for (const m of popped) set!.delete(m);
      db.dropIfEmpty(key!);
      return count === undefined ? (popped[0] ?? null) : popped;
    },
  },
};
