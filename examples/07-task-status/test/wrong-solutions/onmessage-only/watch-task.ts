// Wrong on purpose (test/exercise.test.ts): handles every frame in onmessage, which never sees a named event.
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

  events.onmessage = (event) => {
    const { status, progress, result, failedReason } = data(event);
    if (status === 'active' && progress !== undefined) view.progress(progress);
    if (status === 'completed') end({ status, result });
    if (status === 'failed') end({ status, failedReason });
    if (status === 'cancelled') end({ status });
  };
  return events;
}
