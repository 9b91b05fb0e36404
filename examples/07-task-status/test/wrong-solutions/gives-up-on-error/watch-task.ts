// Wrong on purpose (test/exercise.test.ts): treats any error as the end, so a dropped connection, which
// EventSource would have survived by reconnecting, loses the task.
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
  events.onerror = () => end({ status: 'failed', failedReason: 'connection lost' });
  return events;
}
