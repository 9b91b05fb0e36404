// Coalesces a run's events so a process printing a million lines cannot flood the page: output is merged and
// delivered at most once per interval, and when more text arrives in one interval than the page could ever show,
// only the newest part is kept, with a line saying how much was skipped. Order with trace events is preserved.
import type { TraceLineEvent } from './trace-lines.ts';

export interface EventBatcherOptions {
  /** How often batched events are delivered. */
  intervalMs?: number;
  /** Most output characters delivered per interval; older text beyond this is dropped. */
  maxCharsPerBatch?: number;
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
  { intervalMs = 50, maxCharsPerBatch = 256 * 1024 }: EventBatcherOptions = {},
): EventBatcher {
  let queue: TraceLineEvent[] = [];
  let queuedChars = 0;
  let skippedChars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function dropOldestText(): void {
    for (let i = 0; i < queue.length && queuedChars > maxCharsPerBatch; i++) {
      const event = queue[i]!;
      if (event.type !== 'output') continue;
      const excess = queuedChars - maxCharsPerBatch;
      const cut = Math.min(excess, event.text.length);
      event.text = event.text.slice(cut);
      queuedChars -= cut;
      skippedChars += cut;
    }
    queue = queue.filter((event) => event.type !== 'output' || event.text !== '');
  }

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (skippedChars > 0) {
      const note = `\r\n[… ${skippedChars.toLocaleString('en')} characters of output skipped: printed faster than the page can show …]\r\n`;
      skippedChars = 0;
      emit({ type: 'output', text: note });
    }
    const events = queue;
    queue = [];
    queuedChars = 0;
    for (const event of events) emit(event);
  }

  return {
    push(event) {
      if (event.type === 'output') {
        if (!event.text) return;
        const last = queue.at(-1);
        if (last?.type === 'output') last.text += event.text;
        else queue.push({ type: 'output', text: event.text });
        queuedChars += event.text.length;
        if (queuedChars > maxCharsPerBatch) dropOldestText();
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
      queuedChars = 0;
      skippedChars = 0;
    },
  };
}
