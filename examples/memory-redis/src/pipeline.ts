// MULTI/EXEC and pipelines for the in-memory client. Both run their commands back to back on the
// server (nothing else can interleave) and resolve to [error, result] pairs, as ioredis does.
import { commands } from './commands/index.ts';
import { RedisError } from './commands/types.ts';
import type { Reply } from './commands/types.ts';
import { finishReply, prepareArgs, scriptArgs } from './client/command-codec.ts';
import type { ScriptDef } from './client/command-codec.ts';

/** What a pipeline needs of its client (memory-redis.ts's client is one). */
export interface PipelineClient {
  readonly scripts: ReadonlyMap<string, ScriptDef>;
  serverKnowsScript(sha: string): boolean;
  sendBatchToServer(batch: [string, string[]][]): Promise<Reply>;
}

type Entry = { name: string; args: string[]; replyName: string; asBuffer: boolean; error?: Error };
type Callback = (error: Error | null, result?: unknown) => void;

export class MemoryPipeline {
  private readonly client: PipelineClient;
  private readonly entries: Entry[] = [];

  constructor(client: PipelineClient, commandList?: unknown[][]) {
    this.client = client;
    const self = this as unknown as Record<string, unknown>;
    for (const [name, def] of client.scripts) {
      const add =
        (asBuffer: boolean) =>
        (...args: unknown[]) => {
          try {
            this.entries.push({
              name: 'evalsha',
              args: [def.sha, ...scriptArgs(def, args)],
              replyName: 'evalsha',
              asBuffer,
            });
          } catch (error) {
            this.entries.push({ name, args: [], replyName: name, asBuffer, error: error as Error });
          }
          return this;
        };
      self[name] = add(false);
      self[`${name}Buffer`] = add(true);
    }
    for (const [name, ...args] of commandList ?? []) {
      (self[String(name)] as (...a: unknown[]) => unknown)(...args);
    }
  }

  get length(): number {
    return this.entries.length;
  }

  /** Queues a command by name (what the generated methods call). */
  addCommand(name: string, rawArgs: unknown[], asBuffer = false): this {
    try {
      this.entries.push({ name, args: prepareArgs(name, rawArgs), replyName: name, asBuffer });
    } catch (error) {
      this.entries.push({ name, args: [], replyName: name, asBuffer, error: error as Error });
    }
    return this;
  }

  call(command: string, ...args: unknown[]): this {
    return this.addCommand(command.toLowerCase(), args);
  }

  async exec(callback?: Callback): Promise<[Error | null, unknown][]> {
    const entries = this.entries.splice(0);
    // Scripts run through EVALSHA; make sure the server knows them first (ioredis does the same with SCRIPT LOAD).
    const batch: [string, string[]][] = [];
    const loading = new Set<string>();
    for (const e of entries) {
      const sha = e.args[0]!;
      if (e.name !== 'evalsha' || loading.has(sha) || this.client.serverKnowsScript(sha)) continue;
      const def = [...this.client.scripts.values()].find((d) => d.sha === sha);
      if (def) {
        loading.add(sha);
        batch.push(['script', ['LOAD', def.source]]);
      }
    }
    const promise = this.client
      .sendBatchToServer([...batch, ...entries.map((e): [string, string[]] => [e.name, e.args])])
      .then((replies) => {
        const results = (replies as Reply[]).slice(batch.length);
        return entries.map((e, i): [Error | null, unknown] => {
          if (e.error) return [e.error, null];
          const reply = results[i]!;
          if (reply instanceof RedisError) return [reply, null];
          try {
            return [null, finishReply(e.replyName, reply, e.asBuffer)];
          } catch (error) {
            return [error as Error, null];
          }
        });
      });
    if (callback)
      promise.then(
        (r) => callback(null, r),
        (e: Error) => callback(e),
      );
    return promise;
  }
}

for (const name of Object.keys(commands)) {
  const proto = MemoryPipeline.prototype as unknown as Record<string, unknown>;
  if (name in proto) continue;
  proto[name] = function (this: MemoryPipeline, ...args: unknown[]) {
    return this.addCommand(name, args);
  };
  proto[`${name}Buffer`] = function (this: MemoryPipeline, ...args: unknown[]) {
    return this.addCommand(name, args, true);
  };
}
