// One CPU-bound request stalls every other request: Node runs JavaScript on a single thread.
// Moved to a worker thread (or a queue, sections 11.5–11.7), the same work stalls nobody.
import { startServerProcess } from './server-process.ts';
import { sleep } from './sleep.ts';
import { startStopwatch } from './stopwatch.ts';

const server = await startServerProcess({ DEMO_DELAY_MS: '100' });

async function timedGet(path: string) {
  const took = startStopwatch();
  const response = await fetch(`${server.address}${path}`);
  await response.json();
  return `GET ${path.padEnd(24)} → ${response.status}, took ${took()}`;
}

await fetch(`${server.address}/cpu-bound?ms=1`); // warm-up: the first fetch() loads the HTTP client
console.log('alone:                ', await timedGet('/async-demo'));

// Start 2 s of CPU work, then ask for /async-demo (normally ~0.1 s) 0.2 s later.
async function duringCpuWork(cpuPath: string) {
  const cpu = timedGet(cpuPath);
  await sleep(200);
  const quick = timedGet('/async-demo');
  console.log('during the CPU work:  ', await quick);
  console.log('the CPU-heavy request:', await cpu);
}

console.log('— CPU work on the server’s main thread:');
await duringCpuWork('/cpu-bound?ms=2000');
console.log('— the same work in a worker thread:');
await duringCpuWork('/cpu-offloaded?ms=2000');

server.stop();
