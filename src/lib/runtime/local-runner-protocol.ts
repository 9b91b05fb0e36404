// The wire format between the local runner client (browser) and the dev-server endpoint (Node).
// The endpoint streams newline-delimited JSON; output is raw (the client splits trace lines, as the
// WebContainer runner does, so both runners share one path from text to events).
import type { RunExit } from './runner.ts';

/** Set on the page by the dev-only integration; absent from the static build. */
export interface LocalRunnerConfig {
  /** Base path of the endpoint, e.g. "/__async-lab/runner". */
  endpoint: string;
  /** Per dev-server session secret, sent in TOKEN_HEADER with every request. */
  token: string;
}

export const LOCAL_RUNNER_GLOBAL = '__asyncLabLocalRunner';
export const LOCAL_RUNNER_ENDPOINT = '/__async-lab/runner';
export const TOKEN_HEADER = 'x-async-lab-runner-token';

export const DEFAULT_TIMEOUT_MS = 60_000;

export type WireEvent =
  | { type: 'start'; runId: string }
  | { type: 'output'; text: string }
  /**
   * A process of the run listens on `port`; the dev server proxies it (for the preview pane) on its own loopback
   * port `previewPort`, where the page's first request goes to `previewPath` (it carries the preview's secret).
   */
  | { type: 'server-ready'; port: number; previewPort: number; previewPath: string }
  | { type: 'exit'; exit: RunExit };

/** Body of POST {endpoint}/stop. */
export interface StopRequest {
  runId: string;
}

/** The config the dev integration put on the page, or undefined (static build, other tab, tests). */
export function readLocalRunnerConfig(scope: object = globalThis): LocalRunnerConfig | undefined {
  const value = (scope as Record<string, unknown>)[LOCAL_RUNNER_GLOBAL];
  if (!value || typeof value !== 'object') return undefined;
  const { endpoint, token } = value as Partial<LocalRunnerConfig>;
  return typeof endpoint === 'string' && typeof token === 'string' ? { endpoint, token } : undefined;
}
