// Exercise: load a dashboard's panels concurrently, and give up on slow ones.
// Each loader is like fetch(): it takes an AbortSignal and stops (rejects) when the signal aborts.
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs every loader at the same time and returns their results in the loaders' order.
 * After `timeoutMs` it gives up: the loaders' signal aborts and the promise rejects with a TimeoutError.
 */
export async function loadDashboard<T>(loaders: Loader<T>[], timeoutMs: number): Promise<T[]> {
  // TODO 2: replace this never-aborting signal with one that aborts after timeoutMs
  //         (hint: AbortSignal.timeout).
  const signal = new AbortController().signal;

  // TODO 1: this awaits each loader before starting the next one. Start them all at once
  //         and wait for all of them together (hint: Promise.all keeps the order).
  const results: T[] = [];
  for (const load of loaders) {
    results.push(await load(signal));
  }
  return results;
}
