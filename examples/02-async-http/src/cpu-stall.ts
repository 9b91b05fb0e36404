// One CPU-bound request stalls every other request: Node runs JavaScript on a single thread.
import { startServerProcess } from './server-process.ts';
import { sleep } from './sleep.ts';
import { startStopwatch } from './stopwatch.ts';

const server = await startServerProcess({ DEMO_DELAY_MS: '100' });

async function timedGet(path: string) {
  const took = startStopwatch();
  const response = await fetch(`${server.address}${path}`);
  await response.json();
  return `GET ${path.padEnd(20)} → ${response.status}, took ${took()}`;
}

await fetch(`${server.address}/cpu-bound?ms=1`); // warm-up: the first fetch() loads the HTTP client
console.log('alone:                ', await timedGet('/async-demo'));

// Start 2 s of CPU work, then ask for /async-demo (normally ~0.1 s) 0.2 s later.
const cpu = timedGet('/cpu-bound?ms=2000');
await sleep(200);
const quick = timedGet('/async-demo');
console.log('during the CPU work:  ', await quick);
console.log('the CPU-bound request:', await cpu);
console.log('/async-demo had to wait until the CPU work was done: move such work to a queue or a worker thread.');

server.stop();
