// Wrong on purpose (test/exercise.test.ts): a deadline that ignores timeoutMs. It passes a check that only
// tries a short timeout, and cuts off loaders that had time left.
import type { Loader } from '../../../exercise/solution/load-dashboard.ts';

export async function loadDashboard<T>(loaders: Loader<T>[], _timeoutMs: number): Promise<T[]> {
  const signal = AbortSignal.timeout(100);
  return Promise.all(loaders.map((load) => load(signal)));
}
