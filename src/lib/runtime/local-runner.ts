// Runner that runs examples with the machine's own Node through the dev-server endpoint (`astro dev` only).
// The endpoint streams raw output as NDJSON; this side splits trace lines and batches events exactly as the
// WebContainer runner does.
import {
  readLocalRunnerConfig,
  TOKEN_HEADER,
  type LocalRunnerConfig,
  type WireEvent,
} from './local-runner-protocol.ts';
import { createRunEventPipeline } from './run-events.ts';
import {
  RunnerUnavailableError,
  type RunEvent,
  type RunExit,
  type Runner,
  type RunnerBootOptions,
  type RunRequest,
} from './runner.ts';
import { isRuntimeNotice, notice, type RuntimeNotice } from './runtime-notices.ts';
import { createBreather } from './yield-to-page.ts';

/** How long a stop waits for the endpoint to confirm before dropping the connection (which also kills). */
const STOP_CONFIRM_MS = 3_000;

export interface LocalRunnerOptions {
  /** Where the endpoint is; read from the page (set by the dev integration) when omitted. */
  config?: LocalRunnerConfig;
  fetch?: typeof fetch;
  /** Base URL for the endpoint path (tests outside a page); the page's own origin by default. */
  baseUrl?: string;
}

export class LocalRunner implements Runner {
  readonly kind = 'local' as const;
  private readonly config: LocalRunnerConfig | undefined;
  private readonly fetch: typeof fetch;
  private readonly baseUrl: string | undefined;

  constructor(options: LocalRunnerOptions = {}) {
    this.config = options.config ?? readLocalRunnerConfig();
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.baseUrl = options.baseUrl;
  }

  async boot({ onProgress }: RunnerBootOptions = {}): Promise<void> {
    if (!this.config) throw new RunnerUnavailableError('local', notice('local-only-in-dev'));
    onProgress?.({ notice: notice('local-starting'), fraction: 1 });
  }

  async run(request: RunRequest, onEvent: (event: RunEvent) => void, signal: AbortSignal): Promise<RunExit> {
    const startedAt = performance.now();
    const pipeline = createRunEventPipeline(onEvent);
    const connection = new AbortController();
    let resolveExit!: (exit: RunExit) => void;
    const exit = new Promise<RunExit>((resolve) => (resolveExit = resolve));
    const end = (runExit: RunExit) => {
      if (pipeline.ended) return;
      signal.removeEventListener('abort', onAbort);
      pipeline.exit(runExit);
      resolveExit(runExit);
    };
    const ended = (reason: RunExit['reason'], runNotice?: RuntimeNotice): RunExit => ({
      code: null,
      reason,
      durationMs: Math.round(performance.now() - startedAt),
      ...(runNotice ? { notice: runNotice } : {}),
    });

    let runId: string | undefined;
    const onAbort = () =>
      void this.stop(runId, exit).then(() => {
        // No confirmation: closing the connection makes the endpoint kill the run anyway.
        connection.abort();
        end(ended('stopped'));
      });
    if (!this.config) {
      end(ended('crashed', notice('local-only-in-dev')));
      return exit;
    }
    if (signal.aborted) {
      end(ended('stopped'));
      return exit;
    }
    signal.addEventListener('abort', onAbort, { once: true });

    let response: Response;
    try {
      response = await this.fetch(this.url('run'), {
        method: 'POST',
        headers: { [TOKEN_HEADER]: this.config.token, 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: connection.signal,
      });
    } catch (error) {
      end(signal.aborted ? ended('stopped') : ended('crashed', notice('local-unreachable', { error: String(error) })));
      return exit;
    }
    if (!response.ok || !response.body) {
      // The endpoint explains a refusal with a notice; anything else is worded from the status.
      const refusal = await response
        .json()
        .then((body: { notice?: unknown }) => (isRuntimeNotice(body.notice) ? body.notice : undefined))
        .catch(() => undefined);
      end(ended('crashed', refusal ?? notice('local-http', { status: response.status })));
      return exit;
    }

    const events = readWireEvents(response.body);
    const first = await events.next().catch(() => undefined);
    if (first?.value?.type !== 'start') {
      end(signal.aborted ? ended('stopped') : ended('crashed', notice('local-closed-early')));
      return exit;
    }
    runId = first.value.runId;

    void (async () => {
      const breathe = createBreather();
      try {
        for await (const event of events) {
          if (event.type === 'output') pipeline.output(event.text);
          else if (event.type === 'server-ready') pipeline.serverReady(event.port, this.previewUrl(event));
          else if (event.type === 'exit') end(event.exit);
          // A backlog of output must not be read in one long task (see yield-to-page.ts).
          await breathe();
        }
      } catch {
        // Aborted by a stop, or the dev server went away: handled below.
      }
      if (!pipeline.ended) end(signal.aborted ? ended('stopped') : ended('crashed', notice('local-lost')));
    })();
    return exit;
  }

  /** Asks the endpoint to stop a run and waits (a bounded time) for its exit to arrive. */
  private async stop(runId: string | undefined, exit: Promise<RunExit>): Promise<void> {
    if (!runId) return;
    const confirmWindow = () => new Promise((resolve) => setTimeout(resolve, STOP_CONFIRM_MS));
    await Promise.race([
      this.fetch(this.url('stop'), {
        method: 'POST',
        headers: { [TOKEN_HEADER]: this.config!.token, 'content-type': 'application/json' },
        body: JSON.stringify({ runId }),
      }).catch(() => undefined),
      confirmWindow(),
    ]);
    await Promise.race([exit, confirmWindow()]);
  }

  /**
   * Where the page reaches a server of the run: the dev server's preview proxy for it, on the host name the page
   * itself uses (an IPv6 literal becomes 127.0.0.1, where the proxy listens).
   */
  private previewUrl({ previewPort, previewPath }: { previewPort: number; previewPath: string }): string {
    const page = new URL(this.baseUrl ?? globalThis.location.href);
    const host = page.hostname.startsWith('[') ? '127.0.0.1' : page.hostname;
    return `http://${host}:${previewPort}${previewPath}`;
  }

  private url(action: string): string {
    const path = `${this.config!.endpoint}/${action}`;
    return this.baseUrl ? new URL(path, this.baseUrl).href : path;
  }
}

/** Parses an NDJSON body into wire events. */
async function* readWireEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<WireEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line) as WireEvent;
    }
  }
}
