// Lets the page breathe during a long stream of work. Reading a response whose data has already arrived never
// leaves the microtask queue (each read resolves at once), so a backlog of output would be read, parsed and
// handed on in one long task; a reader that calls `breathe()` after each piece gives the page a turn (input,
// rendering) once it has worked for a few milliseconds.

/** Milliseconds of work before the page gets a turn. */
export const WORK_SLICE_MS = 8;

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Resolves in a later task: `scheduler.yield()` where the browser has it, a zero-delay timer elsewhere. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A function to await after each piece of work: it yields once WORK_SLICE_MS have passed since the last turn. */
export function createBreather(now: () => number = () => performance.now()): () => Promise<void> | undefined {
  let since = now();
  return () => {
    if (now() - since < WORK_SLICE_MS) return undefined;
    return yieldToPage().then(() => {
      since = now();
    });
  };
}
