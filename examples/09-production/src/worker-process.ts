// A worker as its own process: `node src/worker-process.ts worker-1`. Start several against one real
// Redis (REDIS_URL) and they share the queue. Prints one line per event, for people and for the demos.
import { shutDownGracefully } from './shutdown.ts';
import { startWorker } from './start-worker.ts';

const name = process.argv[2] ?? `worker-${process.pid}`;
const concurrency = Number(process.env.CONCURRENCY ?? 1);
const { worker, connections } = startWorker(name, { concurrency, log: console.log });

await worker.waitUntilReady();
console.log(`${name} ready`);

let stopping = false;
async function stop(reason: string) {
  if (stopping) return; // a second SIGTERM must not cut the shutdown short
  stopping = true;
  console.log(`${name} got ${reason}: finishing active jobs, taking no new ones`);
  await shutDownGracefully(worker, connections);
  // Nothing is left open, so Node exits by itself, with code 0. A leftover timer or socket would keep
  // it alive: that is the test that shutdown really closed everything.
  console.log(`${name} closed its connections and exits`);
}

process.on('SIGTERM', () => void stop('SIGTERM'));

// Started by a demo or test (spawn-worker.ts)? Then also stop when that parent goes away, however it
// ends: the OS closes our stdin pipe. unref(): an open stdin must not keep the process alive.
if (process.env.EXIT_WITH_PARENT) {
  process.stdout.on('error', () => {}); // nobody reads our output any more (EPIPE): carry on shutting down
  process.stdin.on('end', () => void stop('end of stdin (the parent is gone)')).resume();
  (process.stdin as { unref?: () => void }).unref?.();
}
