// Turns a playground run into a traced run for the queue panel: Node preloads the examples' instrumentation
// (examples/course-tools/src/trace-preload.ts) and ASYNC_LAB_TRACE=1 switches it on. The preload goes on the
// command line, not in NODE_OPTIONS, so a runner's own NODE_OPTIONS (e.g. --experimental-strip-types in an older
// WebContainer Node) is kept. The reader's shown command does not change; the runners lift the trace lines out
// of the output (src/lib/runtime/trace-lines.ts). Meant for the playground's Run of a page with a QueueView
// (not for Check: a test runner's processes have nothing to show).
import type { RunRequest } from '../runtime/runner.ts';

/** Resolved from the example's folder through the examples workspace (package @async-lab/course-tools). */
export const tracePreload = '@async-lab/course-tools/trace-preload';

export function withQueueTrace(request: RunRequest): RunRequest {
  const [program, ...args] = request.command;
  if (program !== 'node' || args.includes(tracePreload)) return request;
  return {
    ...request,
    command: [program, '--import', tracePreload, ...args],
    env: { ...request.env, ASYNC_LAB_TRACE: '1' },
  };
}
