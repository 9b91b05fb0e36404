// Exercise: follow a task with EventSource, as the page at GET / does. See exercise/README.md.
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

  // TODO 1: the server names its events ("event: progress", "event: completed" …), and a named event never
  //         reaches onmessage. Listen for each one with events.addEventListener(name, …) instead.
  events.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.progress !== undefined) view.progress(data.progress);
    if (data.status === 'completed') view.finished({ status: 'completed', result: data.result });
  };

  // TODO 2: "failed" (with data.failedReason) and "cancelled" end the task too: tell the view.
  // TODO 3: once the task has ended, close the EventSource. Left open, it reconnects when the server ends the
  //         stream, and the view hears the end again.
  // TODO 4: a dropped connection is not the end of the task. EventSource reconnects by itself, sending the id
  //         of the last event it got (Last-Event-ID). Do not give up here:
  events.onerror = () => {
    events.close();
    view.finished({ status: 'failed', failedReason: 'connection lost' });
  };

  return events;
}
