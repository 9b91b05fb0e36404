// Wrong on purpose (test/exercise.test.ts): races the loaders against a timer. The caller gets its
// TimeoutError in time, but nobody tells the loaders to stop: they keep working for nothing.
import type { Loader } from '../../../exercise/solution/load-dashboard.ts';

export async function loadDashboard<T>(loaders: Loader<T>[], timeoutMs: number): Promise<T[]> {
  const neverAborted = new AbortController().signal;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException('timed out', 'TimeoutError')), timeoutMs);
  });
  try {
    return await Promise.race([Promise.all(loaders.map((load) => load(neverAborted))), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
