// The seed's first example, in TypeScript: `await` pauses this function, not the whole program.
import { sleep } from './sleep.ts';
import { startStopwatch } from './stopwatch.ts';

async function main() {
  const took = startStopwatch();
  console.log('start');
  await sleep(1000); // like asyncio.sleep(1): wait without blocking anything else
  console.log(`end (took ${took()})`);
}

// Node runs top-level code as the "event loop's first task"; no asyncio.run() needed.
await main();
