// Separates the examples' trace side channel from what a reader sees, exactly as the runners do
// (same splitter), so a recording shows what a live run would show.
import { createTraceLineSplitter } from '../runtime/trace-lines.ts';

export interface SplitOutput {
  output: string;
  trace: unknown[];
}

export function splitTrace(raw: string): SplitOutput {
  let output = '';
  const trace: unknown[] = [];
  const splitter = createTraceLineSplitter((event) => {
    if (event.type === 'trace') trace.push(event.event);
    else output += event.text;
  });
  splitter.push(raw);
  splitter.flush();
  return { output, trace };
}
