// The page's side of strip-types-worker.ts: turns the reader's edited .ts files into their JavaScript twins
// (path → code), in a worker started on first use and kept for the page. A worker that cannot start (a blocked
// script, an old browser) rejects with an Error saying so; the next call starts a new one.

/** Strips the given .ts sources; resolves to each one's JavaScript twin, by the same path. */
export type TypeStripper = (files: Record<string, string>) => Promise<Record<string, string>>;

export interface StripRequest {
  id: number;
  files: Record<string, string>;
}

export type StripResponse = { id: number; twins: Record<string, string> } | { id: number; error: string };

export function createWorkerTypeStripper(
  startWorker: () => Worker = () =>
    new Worker(new URL('./strip-types-worker.ts', import.meta.url), { type: 'module', name: 'strip-types' }),
): TypeStripper {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (twins: Record<string, string>) => void; reject: (error: Error) => void }
  >();

  const failAll = (error: Error) => {
    worker?.terminate();
    worker = undefined;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const started = startWorker();
    started.addEventListener('message', (event: MessageEvent<StripResponse>) => {
      const waiting = pending.get(event.data.id);
      if (!waiting) return;
      pending.delete(event.data.id);
      if ('twins' in event.data) waiting.resolve(event.data.twins);
      else waiting.reject(new Error(event.data.error));
    });
    started.addEventListener('error', (event) => {
      event.preventDefault();
      failAll(new Error(`The type-stripping worker failed: ${event.message || 'it could not be loaded'}`));
    });
    started.addEventListener('messageerror', () =>
      failAll(new Error('The type-stripping worker sent an unreadable message.')),
    );
    worker = started;
    return started;
  };

  return (files) => {
    if (Object.keys(files).length === 0) return Promise.resolve({});
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const request: StripRequest = { id, files };
      ensureWorker().postMessage(request);
    });
  };
}
