// The client side of GET /task-events/:id: reads the Server-Sent Events stream frame by frame.
// (Browsers have EventSource for this; in Node we read fetch's body stream ourselves.)

export interface TaskEvent {
  event: string; // waiting, active, progress, completed, failed
  data: { status: string; progress?: unknown; result?: unknown; failedReason?: string };
}

export async function* readTaskEvents(url: string, signal?: AbortSignal): AsyncGenerator<TaskEvent> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal });
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
      if (event && data) yield { event, data: JSON.parse(data) }; // skips ": keep-alive" comments
    }
  }
}
