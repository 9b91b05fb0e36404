// The command table of the in-memory server.
import { hashCommands } from './hashes.ts';
import { keyCommands } from './keys.ts';
import { listCommands } from './lists.ts';
import { scanCommands } from './scan.ts';
import { serverCommands } from './server.ts';
import { setCommands } from './sets.ts';
import { sortedSetCommands } from './sorted-sets.ts';
import { streamCommands } from './streams.ts';
import { stringCommands } from './strings.ts';
import type { CommandSpec } from './types.ts';

export const commands: Record<string, CommandSpec> = {
  ...keyCommands,
  ...stringCommands,
  ...hashCommands,
  ...listCommands,
  ...setCommands,
  ...sortedSetCommands,
  ...streamCommands,
  ...scanCommands,
  ...serverCommands,
};

export function checkArity(spec: CommandSpec, argCount: number): boolean {
  const words = argCount + 1;
  return spec.arity >= 0 ? words === spec.arity : words >= -spec.arity;
}

/** Commands that write: once a script has called one, SCRIPT KILL answers UNKILLABLE, as in Redis. */
export const WRITE_COMMANDS = new Set([
  'set',
  'setnx',
  'setex',
  'psetex',
  'getdel',
  'mset',
  'incr',
  'decr',
  'incrby',
  'decrby',
  'incrbyfloat',
  'append',
  'del',
  'unlink',
  'expire',
  'pexpire',
  'expireat',
  'pexpireat',
  'persist',
  'rename',
  'hset',
  'hmset',
  'hsetnx',
  'hdel',
  'hincrby',
  'hincrbyfloat',
  'lpush',
  'rpush',
  'lpushx',
  'rpushx',
  'lpop',
  'rpop',
  'lset',
  'ltrim',
  'lrem',
  'rpoplpush',
  'lmove',
  'brpoplpush',
  'sadd',
  'srem',
  'spop',
  'zadd',
  'zincrby',
  'zrem',
  'zpopmin',
  'zpopmax',
  'zremrangebyscore',
  'zremrangebyrank',
  'bzpopmin',
  'xadd',
  'xtrim',
  'xdel',
  'flushdb',
  'flushall',
]);
