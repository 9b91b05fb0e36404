// Fetches the examples' snapshot for the WebContainer with progress ("Loading the examples (1.2 of 2.9 MB)…"),
// gzip-compressed (as the built site ships it: hosts rarely compress binaries) or raw (as `astro dev` serves it).
// A connection that stops sending would leave the reader on "Loading…" for good, so a silence of
// `stallTimeoutMs` ends it with a notice; every failure is a RunnerUnavailableError the page can word.
import type { BootProgress } from './runner.ts';
import { RunnerUnavailableError } from './runner.ts';
import { notice } from './runtime-notices.ts';

export interface DownloadOptions {
  fetch: typeof fetch;
  stallTimeoutMs: number;
  onProgress: (progress: BootProgress) => void;
}

export async function downloadSnapshot(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const { stallTimeoutMs, onProgress } = options;
  const stalled = () =>
    new RunnerUnavailableError(
      'webcontainer',
      notice('download-stalled', { url, seconds: Math.round(stallTimeoutMs / 1000) }),
    );
  const failed = (error: unknown) =>
    error instanceof RunnerUnavailableError
      ? error
      : new RunnerUnavailableError('webcontainer', notice('download-failed', { url, error: message(error) }));
  let response: Response;
  try {
    response = await withDeadline(options.fetch(url), stallTimeoutMs, stalled);
  } catch (error) {
    throw failed(error);
  }
  if (!response.ok || !response.body) {
    throw new RunnerUnavailableError('webcontainer', notice('download-http', { url, status: response.status }));
  }
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { value, done } = await withDeadline(reader.read(), stallTimeoutMs, stalled).catch((error: unknown) => {
      void reader.cancel().catch(() => undefined);
      throw failed(error);
    });
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress({
      notice: total
        ? notice('download-progress-of', { received: mb(received), total: mb(total) })
        : notice('download-progress', { received: mb(received) }),
      ...(total ? { fraction: Math.min(1, received / total) } : {}),
    });
  }
  const snapshot = concat(chunks, received);
  return isGzip(snapshot) ? gunzip(snapshot) : snapshot;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
