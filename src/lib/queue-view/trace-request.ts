// Turns a playground run into a traced run for the queue panel: ASYNC_LAB_TRACE=1 in its environment, and nothing
// else. The examples' Redis gateway (@async-lab/memory-redis) then loads the instrumentation
// (examples/course-tools/src/trace-when-asked.ts) before the program's own code runs, in every runner alike: no
// preload flag, no NODE_OPTIONS, and the command is the reader's. The runners lift the trace lines out of the
// output (src/lib/runtime/trace-lines.ts). Meant for the playground's Run of a page with a QueueView (not for
// Check: a test runner's processes have nothing to show).
import type { RunRequest } from '../runtime/runner.ts';

/** The environment variable that switches the examples' queue trace on. */
export const TRACE_SWITCH = 'ASYNC_LAB_TRACE';

export function withQueueTrace(request: RunRequest): RunRequest {
  if (request.env?.[TRACE_SWITCH] === '1') return request;
  return { ...request, env: { ...request.env, [TRACE_SWITCH]: '1' } };
}
