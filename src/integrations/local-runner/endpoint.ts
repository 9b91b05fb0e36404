// The dev-server middleware behind the local runner: POST {endpoint}/run streams a run as NDJSON,
// POST {endpoint}/stop ends one. Only this machine may call it, only from a page of this dev server, and only
// with the session token that the integration put on those pages.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOKEN_HEADER, type StopRequest, type WireEvent } from '../../lib/runtime/local-runner-protocol.ts';
import { notice, type RuntimeNotice } from '../../lib/runtime/runtime-notices.ts';
import { LocalRun, type RunLog } from './local-run.ts';
import { isLoopbackAddress, isLoopbackHost } from './loopback.ts';
import { openPreviewProxy, type PreviewProxy } from './preview-proxy.ts';
import { watchServers } from './server-watch.ts';
import { validateRunRequest } from './validate-request.ts';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_CONCURRENT_RUNS = 4;
/** Output is sent in batches: one JSON line per interval rather than one per pipe read. */
const BATCH_MS = 25;
const BATCH_MAX_CHARS = 64 * 1024;

export interface LocalRunnerEndpointOptions {
  /** Path prefix, e.g. "/__async-lab/runner". */
  endpoint: string;
  token: string;
  examplesDir: string;
  nodeModulesDir: string;
  sessionDir: string;
  /** Where the runner reports what went wrong on its side (a run folder it could not remove). */
  log?: RunLog;
}

type Next = (error?: unknown) => void;

export interface LocalRunnerEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
  /** Stops every run (the dev server is closing). */
  stopAll(): Promise<void>;
  /** Kills every run's process group at once, synchronously (the dev server process is exiting). */
  killAllNow(): void;
}

export function createLocalRunnerEndpoint(options: LocalRunnerEndpointOptions): LocalRunnerEndpoint {
  const runs = new Map<string, LocalRun>();
  const expectedToken = Buffer.from(options.token);

  /** Refuses with a notice (a code the page words in the reader's language). */
  function refuse(res: ServerResponse, status: number, refusal: RuntimeNotice): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ notice: refusal }));
  }

  /** Why this request may not use the runner, or undefined when it may. */
  function accessProblem(req: IncomingMessage): RuntimeNotice | undefined {
    if (!isLoopbackAddress(req.socket.remoteAddress)) return notice('local-forbidden');
    const host = req.headers.host ?? '';
    if (!isLoopbackHost(host)) return notice('local-forbidden');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) return notice('local-forbidden');
    // Browsers say who asked; only this dev server's own pages may (clients that are not browsers send none).
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return notice('local-forbidden');
    const token = req.headers[TOKEN_HEADER];
    if (typeof token !== 'string' || !sameSecret(Buffer.from(token), expectedToken)) {
      return notice('local-token-outdated');
    }
    return undefined;
  }

  async function handleRun(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!body.ok) return refuse(res, body.status, body.notice);
    const validation = validateRunRequest(body.value, options.examplesDir);
    if (!validation.ok) return refuse(res, 400, validation.notice);
    if (runs.size >= MAX_CONCURRENT_RUNS) return refuse(res, 429, notice('local-busy', { max: MAX_CONCURRENT_RUNS }));

    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const send = (event: WireEvent): boolean => res.write(JSON.stringify(event) + '\n');

    let pending = '';
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (!pending) return;
      const text = pending;
      pending = '';
      // The browser is not keeping up: stop reading the pipe, which in turn slows the process down,
      // as a terminal does, instead of buffering without bound here.
      if (!send({ type: 'output', text })) {
        run.pauseOutput();
        res.once('drain', () => run.resumeOutput());
      }
    };

    const run = LocalRun.start({
      request: validation.request,
      examplesDir: options.examplesDir,
      nodeModulesDir: options.nodeModulesDir,
      sessionDir: options.sessionDir,
      log: options.log ?? { warn: (message) => console.warn(`[local runner] ${message}`) },
      onOutput(text) {
        pending += text;
        if (pending.length >= BATCH_MAX_CHARS) flush();
        else flushTimer ??= setTimeout(flush, BATCH_MS);
      },
    });
    runs.set(run.id, run);
    send({ type: 'start', runId: run.id });

    // The page went away (tab closed, navigation, fetch aborted): nobody is watching, so end the run.
    res.once('close', () => {
      if (!run.ended) void run.stop('stopped');
    });

    // A server the run starts gets a preview proxy for the page's preview pane, open while the run lives.
    const previews: PreviewProxy[] = [];
    const stopWatching = watchServers(run.marker, (listener) => {
      void openPreviewProxy(listener).then(async (preview) => {
        // What the server printed before it listened is already in the pipe, but this look at the OS may come
        // before the event loop has read it: one turn through the loop's I/O phase reads it, so it goes first.
        await new Promise((turned) => setImmediate(turned));
        if (run.ended || res.destroyed) return preview.close();
        previews.push(preview);
        flush();
        send({ type: 'server-ready', port: listener.port, previewPort: preview.port, previewPath: preview.path });
      });
    });

    const exit = await run.exit;
    stopWatching();
    for (const preview of previews) preview.close();
    runs.delete(run.id);
    flush();
    if (!res.destroyed) {
      send({ type: 'exit', exit });
      res.end();
    }
  }

  async function handleStop(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!body.ok) return refuse(res, body.status, body.notice);
    const { runId } = (body.value ?? {}) as Partial<StopRequest>;
    const run = typeof runId === 'string' ? runs.get(runId) : undefined;
    if (!run) {
      // Already over (or never existed): nothing left to stop, which is what the caller wanted.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ stopped: false }));
      return;
    }
    const exit = await run.stop('stopped');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ stopped: true, exit }));
  }

  return {
    handle(req, res, next) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== options.endpoint && !url.pathname.startsWith(options.endpoint + '/')) return next();
      const problem = accessProblem(req);
      if (problem) return refuse(res, 403, problem);
      const action = url.pathname.slice(options.endpoint.length);
      if (req.method !== 'POST') return refuse(res, 405, notice('local-bad-request', { field: 'method' }));
      const handler = action === '/run' ? handleRun : action === '/stop' ? handleStop : undefined;
      if (!handler) return refuse(res, 404, notice('local-bad-request', { field: 'action' }));
      handler(req, res).catch((error: unknown) => {
        if (!res.headersSent) refuse(res, 500, notice('local-start-failed', { error: String(error) }));
        else res.destroy();
      });
    },
    async stopAll() {
      await Promise.all([...runs.values()].map((run) => run.stop('stopped')));
    },
    killAllNow() {
      for (const run of runs.values()) run.killNow();
    },
  };
}

function sameSecret(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; notice: RuntimeNotice };

async function readJson(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      return { ok: false, status: 413, notice: notice('local-too-large', { max: MAX_BODY_BYTES / 1024 / 1024 }) };
    }
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, notice: notice('local-bad-request', { field: 'body' }) };
  }
}
