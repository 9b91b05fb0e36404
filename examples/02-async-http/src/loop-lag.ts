// Measures how late the event loop runs while a long loop holds it, and while the same loop runs in slices.
// monitorEventLoopDelay samples the loop every 10 ms and records how late each sample came: that delay is
// added to every timer, every I/O callback and every other request the process is serving.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.ts';

const app = buildApp({ demoDelayMs: 100 });
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

const ms = (nanoseconds: number) => `${Math.round(nanoseconds / 1e6)} ms`;

async function timed(path: string) {
  const started = performance.now();
  const response = await app.inject(path);
  return { body: response.json(), took: ms((performance.now() - started) * 1e6) };
}

async function measure(path: string) {
  lag.reset();
  await sleep(50); // a few samples first: the first one after reset() is only a starting point
  // The long request and a quick one (it waits 100 ms) arrive together.
  const [long, quick] = await Promise.all([timed(path), timed('/async-demo')]);
  console.log(`GET ${path}: ${long.body.primes} primes, took ${long.took}`);
  console.log(`  GET /async-demo (waits 100 ms) at the same time: took ${quick.took}`);
  console.log(`  event-loop delay: max ${ms(lag.max)}, 99th percentile ${ms(lag.percentile(99))}`);
}

await app.ready();
await measure('/primes?below=1000000');
await measure('/primes-sliced?below=1000000');
lag.disable();
await app.close();
