// Coalesces a run's events so a process printing a million lines cannot flood the page with events: output is
// merged and delivered at most once per interval, in order with trace events. Nothing is dropped here: the
// page's output buffer (src/lib/playground/output-buffer.ts) decides what it keeps, at line boundaries, and
// counts the lines it does not keep, so the reader is told the truth in their language.
import type { TraceLineEvent } from './trace-lines.ts';

export interface EventBatcherOptions {
  /** How often batched events are delivered. */
  intervalMs?: number;
}

export interface EventBatcher {
  push(event: TraceLineEvent): void;
  /** Delivers everything pending now (before an exit event, say). */
  flush(): void;
  /** Drops pending events and the timer (the run was abandoned). */
  cancel(): void;
}

export function createEventBatcher(
  emit: (event: TraceLineEvent) => void,
  { intervalMs = 50 }: EventBatcherOptions = {},
): EventBatcher {
  // Output is collected as a list of texts and joined once per delivery: appending to one string would build a
  // rope of thousands of pieces that the page then has to flatten in one go.
  let queue: (TraceLineEvent | { type: 'texts'; texts: string[] })[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const events = queue;
    queue = [];
    for (const event of events) emit(event.type === 'texts' ? { type: 'output', text: event.texts.join('') } : event);
  }

  return {
    push(event) {
      if (event.type === 'output') {
        if (!event.text) return;
        const last = queue.at(-1);
        if (last?.type === 'texts') last.texts.push(event.text);
        else queue.push({ type: 'texts', texts: [event.text] });
      } else {
        queue.push(event);
      }
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      queue = [];
    },
  };
}
