// Wrong on purpose (test/exercise.test.ts): never closes the EventSource, which reconnects after the server
// ends the stream, and hears the end again.
export interface Outcome {
  status: 'completed' | 'failed' | 'cancelled';
  result?: number;
  failedReason?: string;
}

/** What the page shows: a progress bar and, at the end, how the task ended. */
export interface TaskView {
  progress(percent: number): void;
  finished(outcome: Outcome): void;
}

/** Follows GET /task-events/:id at `url` and tells `view` what happens to the task. */
export function watchTask(url: string, view: TaskView): EventSource {
  const events = new EventSource(url);
  const data = (event: MessageEvent) => JSON.parse(event.data);
  const end = (outcome: Outcome) => view.finished(outcome);

  // Named events reach their own listeners only (onmessage gets just the unnamed ones).
  events.addEventListener('progress', (event) => view.progress(data(event).progress));
  events.addEventListener('completed', (event) => end({ status: 'completed', result: data(event).result }));
  events.addEventListener('failed', (event) => end({ status: 'failed', failedReason: data(event).failedReason }));
  events.addEventListener('cancelled', () => end({ status: 'cancelled' }));
  return events;
}
