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
import { en, format, type RuntimeMessages } from './runtime-messages.ts';
import { createRunSequence } from './run-sequence.ts';
import {
  RunnerUnavailableError,
  type BootProgress,
  type RunEvent,
  type RunExit,
  type RunHandle,
  type Runner,
  type RunnerState,
  type RunRequest,
} from './runner.ts';

/** How long stop() waits for the endpoint to confirm before dropping the connection (which also kills). */
const STOP_CONFIRM_MS = 3_000;

export interface LocalRunnerOptions {
  /** Where the endpoint is; read from the page (set by the dev integration) when omitted. */
  config?: LocalRunnerConfig;
  fetch?: typeof fetch;
  /** Base URL for the endpoint path (tests outside a page); the page's own origin by default. */
  baseUrl?: string;
  /** What the reader is told, in the page's language (English by default). */
  messages?: RuntimeMessages;
}

export class LocalRunner implements Runner {
  readonly kind = 'local' as const;
  private currentState: RunnerState = 'idle';
  private booted: Promise<void> | undefined;
  private readonly runs = createRunSequence(() => {
    if (this.currentState === 'running') this.currentState = 'ready';
  });
  private readonly config: LocalRunnerConfig | undefined;
  private readonly fetch: typeof fetch;
  private readonly baseUrl: string | undefined;
  private readonly m: RuntimeMessages;

  constructor(options: LocalRunnerOptions = {}) {
    this.config = options.config ?? readLocalRunnerConfig();
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.baseUrl = options.baseUrl;
    this.m = options.messages ?? en;
  }

  get state(): RunnerState {
    return this.currentState;
  }

  boot(onProgress?: (progress: BootProgress) => void): Promise<void> {
    this.booted ??= (async () => {
      if (this.currentState === 'disposed') throw new RunnerUnavailableError('local', this.m.disposed);
      if (!this.config) {
        this.currentState = 'failed';
        throw new RunnerUnavailableError('local', this.m.localOnlyInDev);
      }
      onProgress?.({ message: this.m.localStarting, fraction: 1 });
      this.currentState = 'ready';
    })();
    return this.booted;
  }

  run(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<RunHandle> {
    return this.runs.next(async () => {
      await this.boot();
      if (this.currentState === 'disposed') throw new RunnerUnavailableError('local', this.m.disposed);
      const handle = await this.start(request, onEvent);
      this.currentState = 'running';
      return handle;
    });
  }

  async dispose(): Promise<void> {
    await this.runs.stop();
    this.currentState = 'disposed';
  }

  private url(action: string): string {
    const path = `${this.config!.endpoint}/${action}`;
    return this.baseUrl ? new URL(path, this.baseUrl).href : path;
  }

  private async start(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<RunHandle> {
    const startedAt = performance.now();
    const pipeline = createRunEventPipeline(onEvent);
    const connection = new AbortController();
    let resolveExit!: (exit: RunExit) => void;
    const exit = new Promise<RunExit>((resolve) => (resolveExit = resolve));
    const end = (runExit: RunExit) => {
      // The endpoint words its timeout in English; the reader's page may not be. Without a timeout in the
      // request the endpoint's default applied, which the run's duration (plus the kill's grace) tells.
      if (runExit.reason === 'timeout') {
        const timeoutMs = request.timeoutMs ?? Math.floor(runExit.durationMs / 1000) * 1000;
        runExit = { ...runExit, message: format(this.m.timedOut, { seconds: Math.round(timeoutMs / 1000) }) };
      }
      pipeline.exit(runExit);
      resolveExit(runExit);
    };
    const crashed = (message: string): RunExit => ({
      code: null,
      reason: 'crashed',
      durationMs: Math.round(performance.now() - startedAt),
      message,
    });

    let runId: string | undefined;
    let stopping: Promise<void> | undefined;
    const handle: RunHandle = {
      exit,
      stop: () =>
        (stopping ??= (async () => {
          if (pipeline.ended) return;
          if (runId) {
            await Promise.race([
              this.fetch(this.url('stop'), {
                method: 'POST',
                headers: { [TOKEN_HEADER]: this.config!.token, 'content-type': 'application/json' },
                body: JSON.stringify({ runId }),
              }).catch(() => undefined),
              new Promise((resolve) => setTimeout(resolve, STOP_CONFIRM_MS)),
            ]);
            await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, STOP_CONFIRM_MS))]);
          }
          if (!pipeline.ended) {
            // No confirmation: closing the connection makes the endpoint kill the run anyway.
            connection.abort();
            end({ code: null, reason: 'stopped', durationMs: Math.round(performance.now() - startedAt) });
          }
        })()),
    };

    let response: Response;
    try {
      response = await this.fetch(this.url('run'), {
        method: 'POST',
        headers: { [TOKEN_HEADER]: this.config!.token, 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: connection.signal,
      });
    } catch (error) {
      end(crashed(format(this.m.localUnreachable, { error: String(error) })));
      return handle;
    }
    if (!response.ok || !response.body) {
      const detail = await response
        .json()
        .then((body: { error?: string }) => body.error)
        .catch(() => undefined);
      end(crashed(detail ?? format(this.m.localHttp, { status: response.status })));
      return handle;
    }

    const events = readWireEvents(response.body);
    const first = await events.next().catch(() => undefined);
    if (first?.value?.type !== 'start') {
      end(crashed(this.m.localClosedEarly));
      return handle;
    }
    runId = first.value.runId;

    void (async () => {
      try {
        for await (const event of events) {
          if (event.type === 'output') pipeline.output(event.text);
          else if (event.type === 'exit') end(event.exit);
        }
      } catch {
        // Aborted by stop(), or the dev server went away: handled below.
      }
      if (!pipeline.ended) end(crashed(this.m.localLost));
    })();
    return handle;
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
