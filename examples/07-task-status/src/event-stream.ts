// A Server-Sent Events response: `text/event-stream`, one `event:` + `data:` frame per update, with an `id:` when
// the update has one. Browsers read it with `new EventSource(url)`; any HTTP client can read it as a text stream.
// When the connection drops, a browser reconnects by itself (after `retry` ms) and sends the last `id:` it saw
// in a Last-Event-ID header, so the server can send what the client missed.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown, id?: string): void;
  end(): void;
  /** Runs when the connection closes: the stream ended, or the client went away. */
  onClose(listener: () => void): void;
}

export function openEventStream(reply: FastifyReply, { retryMs = 1000 } = {}): EventStream {
  const body = new PassThrough();
  reply.header('content-type', 'text/event-stream').header('cache-control', 'no-cache').send(body);
  body.write(`retry: ${retryMs}\n\n`); // how soon a browser reconnects after the connection drops
  // A comment line now and then stops proxies from closing a connection that is quiet for a while.
  const keepAlive = setInterval(() => body.write(': keep-alive\n\n'), 15_000);
  reply.raw.once('close', () => clearInterval(keepAlive));
  return {
    send: (event, data, id) =>
      body.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    end: () => body.end(),
    onClose: (listener) => reply.raw.once('close', listener),
  };
}
