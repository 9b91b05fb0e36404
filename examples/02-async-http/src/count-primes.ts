// A long loop, two ways. countPrimes holds the event loop until it is done; countPrimesInSlices does the same
// work in slices and hands the loop back between them, so timers, I/O and other requests get their turn.
import { setImmediate as nextTurn } from 'node:timers/promises';

function isPrime(n: number): boolean {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return n >= 2;
}

export function countPrimes(below: number): number {
  let count = 0;
  for (let n = 2; n < below; n++) if (isPrime(n)) count++;
  return count;
}

export async function countPrimesInSlices(below: number, sliceSize = 5_000): Promise<number> {
  let count = 0;
  for (let start = 2; start < below; start += sliceSize) {
    const end = Math.min(start + sliceSize, below);
    for (let n = start; n < end; n++) if (isPrime(n)) count++;
    await nextTurn(); // setImmediate: whatever is waiting runs now, then this loop carries on
  }
  return count;
}
