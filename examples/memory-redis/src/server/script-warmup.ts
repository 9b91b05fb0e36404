// Compiles the scripts a BullMQ Queue or Worker calls first as soon as a client defines them (BullMQ defines
// its ~60 scripts when a connection is ready), on the next turn of the event loop: before the server answers
// the command that follows (BullMQ's INFO version check, so `waitUntilReady()` includes it). The first job
// after connecting then does not wait for fengari to compile BullMQ's biggest scripts on a cold JIT
// (addStandardJob: about 100 ms). The others compile on first use, as a Redis without them cached would.
// (Compiling those in the background too was measured: a compile in progress delays whatever command comes
// next by tens of milliseconds, so the first job took 200 ms instead of 8.)
import type { LuaEngine } from '../lua/engine.ts';
import { scheduleMacrotask } from '../util/macrotask.ts';

/** BullMQ's scripts a producer or a worker calls first (names as defined: `<name>:<version>`). */
const FIRST_CALLED = /^(addStandardJob|addDelayedJob|addPrioritizedJob|moveToActive|moveToFinished|extendLocks?):/;

export class ScriptWarmup {
  private readonly engine: () => LuaEngine;
  private readonly pending: string[] = [];

  constructor(engine: () => LuaEngine) {
    this.engine = engine;
  }

  add(name: string, source: string): void {
    if (!FIRST_CALLED.test(name)) return;
    this.pending.push(source);
    if (this.pending.length === 1) scheduleMacrotask(() => this.compile());
  }

  private compile(): void {
    const engine = this.engine();
    for (const source of this.pending.splice(0)) engine.load(source);
  }
}
