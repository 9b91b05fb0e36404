// Exercise: load a dashboard's panels concurrently, and give up on slow ones.
// Each loader is like fetch(): it takes an AbortSignal and stops (rejects) when the signal aborts.
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs every loader at the same time and returns their results in the loaders' order.
 * After `timeoutMs` it gives up: the loaders' signal aborts and the promise rejects with a TimeoutError.
 */
export async function loadDashboard<T>(loaders: Loader<T>[], timeoutMs: number): Promise<T[]> {
  const signal = AbortSignal.timeout(timeoutMs);
  return Promise.all(loaders.map((load) => load(signal)));
}
