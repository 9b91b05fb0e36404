// What ioredis does to a command's arguments before sending and to its reply after: flatten arrays, spread
// the object/Map forms of HSET, HMSET, MSET and MSETNX, turn HGETALL's flat reply into an object, and give
// text back as UTF-8 strings (or Buffers for the …Buffer variants). The same rules as ioredis's own
// Command transformers, written here so nothing depends on where ioredis or ioredis-mock keep theirs.
import { RedisError, Status } from '../commands/types.ts';
import type { Reply } from '../commands/types.ts';
import { argToBinary, binaryToBytes, binaryToUtf8 } from '../util/bytes.ts';

/** A script registered with defineCommand. */
export type ScriptDef = { source: string; sha: string; numberOfKeys: number | null };

/** key, then field/value (or key/value) pairs, from an object or Map given as the argument after `from`. */
function spreadPairs(args: unknown[], from: number): unknown[] {
  const pairsAt = args[from];
  const isPairs =
    typeof pairsAt === 'object' && pairsAt !== null && !Array.isArray(pairsAt) && !(pairsAt instanceof Uint8Array);
  if (args.length !== from + 1 || !isPairs) {
    return args;
  }
  const entries = pairsAt instanceof Map ? [...pairsAt] : Object.entries(pairsAt);
  return [...args.slice(0, from), ...entries.flat()];
}

const argumentTransformers: Record<string, (args: unknown[]) => unknown[]> = {
  hset: (args) => spreadPairs(args, 1),
  hmset: (args) => spreadPairs(args, 1),
  mset: (args) => spreadPairs(args, 0),
  msetnx: (args) => spreadPairs(args, 0),
};

const replyTransformers: Record<string, (reply: unknown) => unknown> = {
  hgetall: (reply) => {
    if (!Array.isArray(reply)) return reply;
    const object: Record<string, unknown> = {};
    for (let i = 0; i < reply.length; i += 2) {
      const key = String(reply[i]);
      // A field named like an inherited property (`__proto__`) becomes an own property, as in ioredis.
      if (key in object) {
        Object.defineProperty(object, key, {
          value: reply[i + 1],
          configurable: true,
          enumerable: true,
          writable: true,
        });
      } else object[key] = reply[i + 1];
    }
    return object;
  },
};

/** ioredis flattens array arguments and converts objects for commands such as HSET and MSET. */
export function prepareArgs(name: string, args: unknown[]): string[] {
  const transform = argumentTransformers[name];
  const given = transform ? transform(args) : args;
  const flat: string[] = [];
  for (const a of given) {
    if (Array.isArray(a)) for (const item of a) flat.push(argToBinary(item));
    else flat.push(argToBinary(a));
  }
  return flat;
}

/** Converts a reply for the caller the way ioredis does: text as UTF-8 strings (or Buffers), statuses as strings. */
export function toClientValue(reply: Reply, asBuffer: boolean): unknown {
  if (typeof reply === 'string') return asBuffer ? toBuffer(reply) : binaryToUtf8(reply);
  if (reply instanceof Status) return asBuffer ? toBuffer(reply.text) : reply.text;
  if (Array.isArray(reply)) return reply.map((r) => toClientValue(r, asBuffer));
  return reply;
}

function toBuffer(binary: string): Uint8Array {
  const bytes = binaryToBytes(binary);
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): Uint8Array } }).Buffer;
  return B ? B.from(bytes) : bytes;
}

/** The caller's value for a reply; throws the error for an error reply. */
export function finishReply(name: string, reply: Reply, asBuffer: boolean): unknown {
  if (reply instanceof RedisError) throw reply;
  const value = toClientValue(reply, asBuffer);
  const transform = replyTransformers[name];
  return transform && !asBuffer ? transform(value) : value;
}

/** EVALSHA's arguments for a defined script: numkeys first when the definition fixes it. */
export function scriptArgs(def: ScriptDef, rawArgs: unknown[]): string[] {
  const args = prepareArgs('evalsha', rawArgs);
  if (def.numberOfKeys === null) return args;
  return [String(def.numberOfKeys), ...args];
}
