// The preview pane's way to a server a run started: a small reverse proxy on its own loopback port (so the
// server's pages keep their own origin, and `/events` in them means the server's `/events`, as in a
// WebContainer), open while the run lives and only to that run's port.
//
// Our pages are cross-origin isolated (COEP require-corp), so a frame in them must say it may be embedded: the
// proxy adds `Cross-Origin-Embedder-Policy: require-corp` and `Cross-Origin-Resource-Policy: cross-origin` to
// every response (and drops X-Frame-Options, which would forbid the pane). Responses are piped as they come, so
// Server-Sent Events stream through.
//
// Who may use it: the page that started the run learns a secret path (`/__async-lab-preview/<secret>/`); a
// request from elsewhere (another page, another site, typed in the address bar) must carry it. After that first
// navigation the preview's own requests (Sec-Fetch-Site: same-origin: its scripts, EventSource, forms, links) go
// through without it. Only loopback clients, and a loopback Host (no DNS rebinding).
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { ListeningPort } from './listening-ports.ts';
import { isLoopbackAddress, isLoopbackHost } from './loopback.ts';

export const PREVIEW_PREFIX = '/__async-lab-preview/';

export interface PreviewProxy {
  /** The proxy's own loopback port. */
  port: number;
  /** Where the page's first navigation goes: `/__async-lab-preview/<secret>/`, then the server's path. */
  path: string;
  close(): void;
}

const EMBEDDING_HEADERS = {
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'cross-origin',
};

export async function openPreviewProxy(target: ListeningPort): Promise<PreviewProxy> {
  const secretPath = `${PREVIEW_PREFIX}${randomBytes(18).toString('base64url')}/`;
  const upgraded = new Set<Socket>();

  /** The path to ask the server for, or undefined when this request may not use the proxy. */
  function forwardedPath(req: IncomingMessage): string | undefined {
    if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host ?? '')) return undefined;
    const url = req.url ?? '/';
    if (url.startsWith(secretPath)) return '/' + url.slice(secretPath.length);
    return req.headers['sec-fetch-site'] === 'same-origin' ? url : undefined;
  }

  const server = createServer((req, res) => {
    const path = forwardedPath(req);
    if (path === undefined) {
      res.writeHead(403, { 'content-type': 'application/json', ...EMBEDDING_HEADERS });
      res.end(JSON.stringify({ notice: { code: 'local-forbidden', params: {} } }));
      return;
    }
    const upstream = httpRequest(
      { host: target.host, port: target.port, method: req.method, path, headers: req.headers },
      (answer) => {
        const headers: IncomingHttpHeaders = { ...answer.headers, ...EMBEDDING_HEADERS };
        delete headers['x-frame-options'];
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        res.flushHeaders(); // an event stream's headers go out before its first event
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502, EMBEDDING_HEADERS);
      res.end();
    });
    // The frame went away (or navigated): let the server see its client leave, as it would without the proxy.
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
  });

  // WebSockets (a dev server's reload channel, say): same rule, then bytes both ways.
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = forwardedPath(req);
    if (path === undefined) return socket.destroy();
    const upstream = connect(target.port, target.host, () => {
      const lines = [`${req.method} ${path} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    for (const end of [socket, upstream]) {
      upgraded.add(end);
      end.once('close', () => upgraded.delete(end));
      end.once('error', () => (end === socket ? upstream : socket).destroy());
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    path: secretPath,
    close() {
      server.close();
      server.closeAllConnections();
      for (const socket of upgraded) socket.destroy();
    },
  };
}
