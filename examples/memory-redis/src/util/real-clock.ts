// The server's own clock and timers, captured when this module loads. A real Redis keeps its own clock:
// when a test in the reader's process installs fake timers (sinon, vi.useFakeTimers), the client's
// Date.now and setTimeout move, the server's must not (or a fake day would expire every job lock).
// Fake-timer libraries replace these globals later; these references keep pointing at the real ones.

const g = globalThis as {
  setImmediate?: (cb: () => void) => unknown;
  performance?: { now(): number };
};

const realDateNow = Date.now.bind(Date);
const realSetTimeout = setTimeout.bind(globalThis) as (cb: () => void, ms: number) => unknown;
const realClearTimeout = clearTimeout.bind(globalThis) as (handle: unknown) => void;
const realSetImmediate = typeof g.setImmediate === 'function' ? g.setImmediate.bind(globalThis) : undefined;
const realPerformance = g.performance;
const realPerformanceNow = realPerformance ? realPerformance.now.bind(realPerformance) : undefined;

export type TimerHandle = { readonly handle: unknown };

/** Milliseconds since the epoch, from the real clock. */
export const now = (): number => realDateNow();

/** A monotonic high-resolution reading (ms), from the real clock. */
export const monotonic = (): number => (realPerformanceNow ? realPerformanceNow() : realDateNow());

export function startTimer(callback: () => void, ms: number): TimerHandle {
  return { handle: realSetTimeout(callback, ms) };
}

export function stopTimer(timer: TimerHandle): void {
  realClearTimeout(timer.handle);
}

/** The real setImmediate, where the platform has one (Node, WebContainers). */
export const immediate = realSetImmediate;
