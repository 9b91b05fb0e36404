// Separates the examples' trace side channel (one line: "\u001eASYNC_LAB_TRACE " + JSON) from what a reader sees.

export const traceMarker = '\u001eASYNC_LAB_TRACE ';

export interface SplitOutput {
  output: string;
  trace: unknown[];
}

export function splitTrace(raw: string): SplitOutput {
  const kept: string[] = [];
  const trace: unknown[] = [];
  for (const line of raw.split('\n')) {
    const at = line.indexOf(traceMarker);
    if (at === -1) {
      kept.push(line);
      continue;
    }
    // A trace line written while other output was mid-line: keep the text before the marker.
    if (at > 0) kept.push(line.slice(0, at));
    const json = line.slice(at + traceMarker.length);
    try {
      trace.push(JSON.parse(json));
    } catch {
      throw new Error(`A trace line is not valid JSON: ${json.slice(0, 200)}`);
    }
  }
  return { output: kept.join('\n'), trace };
}
