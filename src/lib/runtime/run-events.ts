// The path every runner's output takes to the UI: raw text → trace lines split off → batched → onEvent,
// with the exit event delivered exactly once and always last.
import { createEventBatcher, type EventBatcherOptions } from './event-batcher.ts';
import type { RunEvent, RunExit } from './runner.ts';
import { createTraceLineSplitter } from './trace-lines.ts';

export interface RunEventPipeline {
  /** Raw output of the process (stdout and stderr merged, as a terminal shows them). */
  output(text: string): void;
  /** A server of the run listens: output so far is delivered first, then the event. */
  serverReady(port: number, url: string): void;
  /** The run ended: pending output is delivered, then the exit event. Later calls are ignored. */
  exit(exit: RunExit): void;
  readonly ended: boolean;
}

export function createRunEventPipeline(
  onEvent: (event: RunEvent) => void,
  options?: EventBatcherOptions,
): RunEventPipeline {
  const batcher = createEventBatcher(onEvent, options);
  const splitter = createTraceLineSplitter((event) => batcher.push(event));
  let ended = false;
  return {
    output(text) {
      if (!ended) splitter.push(text);
    },
    serverReady(port, url) {
      if (ended) return;
      batcher.flush();
      onEvent({ type: 'server-ready', port, url });
    },
    exit(exit) {
      if (ended) return;
      ended = true;
      splitter.flush();
      batcher.flush();
      onEvent({ type: 'exit', exit });
    },
    get ended() {
      return ended;
    },
  };
}
