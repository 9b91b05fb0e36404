// A worker as its own process: `node src/worker-process.ts worker-1`. Start several against one real
// Redis (REDIS_URL) and they share the queue. Prints one line per event, for people and for the demos.
import { shutDownGracefully } from './shutdown.ts';
import { startWorker } from './start-worker.ts';

const name = process.argv[2] ?? `worker-${process.pid}`;
const concurrency = Number(process.env.CONCURRENCY ?? 1);
const { worker, connections } = startWorker(name, { concurrency, log: console.log });

await worker.waitUntilReady();
console.log(`${name} ready`);

process.once('SIGTERM', async () => {
  console.log(`${name} got SIGTERM: finishing active jobs, taking no new ones`);
  await shutDownGracefully(worker, connections);
  // Nothing is left open, so Node exits by itself, with code 0. A leftover timer or socket would keep
  // it alive: that is the test that shutdown really closed everything.
  console.log(`${name} closed its connections and exits`);
});
