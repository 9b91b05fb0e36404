// Follows a task with EventSource, as the page at GET / does: named events, an end that closes the stream, and
// no panic when the connection drops (EventSource reconnects by itself, with Last-Event-ID).
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
  const end = (outcome: Outcome) => {
    events.close(); // or it reconnects once the server ends the stream
    view.finished(outcome);
  };

  // Named events reach their own listeners only (onmessage gets just the unnamed ones).
  events.addEventListener('progress', (event) => view.progress(data(event).progress));
  events.addEventListener('completed', (event) => end({ status: 'completed', result: data(event).result }));
  events.addEventListener('failed', (event) => end({ status: 'failed', failedReason: data(event).failedReason }));
  events.addEventListener('cancelled', () => end({ status: 'cancelled' }));
  return events;
}
