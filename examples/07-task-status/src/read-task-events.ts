// The client side of GET /task-events/:id: reads the Server-Sent Events stream frame by frame.
// (Browsers have EventSource for this; in Node we read fetch's body stream ourselves.)

export interface TaskEvent {
  event: string; // waiting, active, progress, completed, failed, cancelled
  data: { status: string; progress?: unknown; result?: unknown; failedReason?: string };
  id?: string; // the event's id in the queue's log, sent back as Last-Event-ID to resume
}

export async function* readTaskEvents(
  url: string,
  signal?: AbortSignal,
  lastEventId?: string,
): AsyncGenerator<TaskEvent> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId) headers['last-event-id'] = lastEventId; // what a browser's EventSource sends when it reconnects
  const response = await fetch(url, { headers, signal });
  if (!response.ok || !response.body) {
    throw new Error(`GET ${url} answered ${response.status}: ${(await response.json()).message}`);
  }
  let buffered = '';
  for await (const text of response.body.pipeThrough(new TextDecoderStream())) {
    buffered += text;
    // Frames end with a blank line; a frame may arrive in pieces, so keep the unfinished rest.
    const frames = buffered.split('\n\n');
    buffered = frames.pop()!;
    for (const frame of frames) {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      const id = /^id: (.*)$/m.exec(frame)?.[1];
      if (event && data) yield { event, data: JSON.parse(data), ...(id ? { id } : {}) }; // skips comments, retry:
    }
  }
}
