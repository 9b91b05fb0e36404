// Web worker that strips the types of the reader's edited .ts files (see strip-types.ts), loaded only when a Run
// has edits to strip. A worker because amaro compiles its WebAssembly synchronously, which browsers allow only
// off the main thread; the module it imports is amaro made fit for the browser by a Vite plugin
// (src/integrations/webcontainer-snapshot/amaro-in-the-browser.ts).
/// <reference lib="webworker" />
import { transformSync } from 'virtual:amaro-browser';
import { stripToJsTwin } from './strip-types.ts';
import type { StripRequest, StripResponse } from './type-stripper.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<StripRequest>) => {
  const { id, files } = event.data;
  let response: StripResponse;
  try {
    const twins: Record<string, string> = {};
    for (const [path, source] of Object.entries(files)) twins[path] = stripToJsTwin(source, transformSync);
    response = { id, twins };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
});
