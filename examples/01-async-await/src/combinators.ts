// Promise.all, Promise.allSettled and Promise.race on the same three downloads.
import { download, type Mirror } from './mirrors.ts';
import { startStopwatch } from './stopwatch.ts';

const fast: Mirror = { name: 'fast', ms: 100 };
const slow: Mirror = { name: 'slow', ms: 300 };
const broken: Mirror = { name: 'broken', ms: 200, fails: true };

// all: every value, in the order given — or the first error.
let took = startStopwatch();
const both = await Promise.all([download(fast), download(slow)]);
console.log(`all([fast, slow])          → ${both.join(' + ')} — took ${took()}`);

took = startStopwatch();
try {
  await Promise.all([download(fast), download(slow), download(broken)]);
} catch (error) {
  console.log(`all([fast, slow, broken])  → rejected: ${(error as Error).message} — took ${took()}`);
}

// allSettled: never rejects; tells you what happened to each one.
took = startStopwatch();
const settled = await Promise.allSettled([download(fast), download(broken)]);
for (const outcome of settled) {
  const detail = outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message;
  console.log(`allSettled([fast, broken]) → ${outcome.status}: ${detail}`);
}
console.log(`allSettled took ${took()}`);

// race: the first to settle wins (the slower one keeps running; nobody waits for it).
took = startStopwatch();
const winner = await Promise.race([download(slow), download(fast)]);
console.log(`race([slow, fast])         → ${winner} — took ${took()}`);
