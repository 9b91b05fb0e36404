// Splits a process's output stream into the reader's text and the queue visualiser's trace events.
// The examples' instrumentation prints whole lines `\u001eASYNC_LAB_TRACE <json>\n` on stdout; chunks from a
// pipe or a terminal can cut a line (or the marker itself) anywhere, so text that might still become a trace
// line is held back until its line ends, and everything else is passed on at once (prompts without a newline
// must show up immediately).

export const TRACE_MARKER = '\u001eASYNC_LAB_TRACE ';

export type TraceLineEvent = { type: 'output'; text: string } | { type: 'trace'; event: unknown };

export interface TraceLineSplitter {
  /** Feeds the next chunk of output; events for everything that can be decided now are emitted. */
  push(chunk: string): void;
  /** The stream ended: whatever was held back is emitted (an unterminated trace line included). */
  flush(): void;
}

export function createTraceLineSplitter(emit: (event: TraceLineEvent) => void): TraceLineSplitter {
  // Text of the current line that has not been emitted yet: empty, or a prefix of a possible trace line.
  let pending = '';
  // True when part of the current line was already emitted as text, so it cannot be a trace line.
  let midLine = false;

  function emitText(text: string): void {
    if (text) emit({ type: 'output', text });
  }

  function emitTraceLine(line: string, ending: string): void {
    // A terminal ends lines with \r\n; the JSON is what sits between the marker and the line ending.
    const json = line.slice(TRACE_MARKER.length).replace(/\r$/, '');
    try {
      emit({ type: 'trace', event: JSON.parse(json) });
    } catch {
      // Not ours after all (or a broken line): the reader sees it rather than losing it.
      emitText(line + ending);
    }
  }

  function mayBecomeTrace(text: string): boolean {
    return TRACE_MARKER.startsWith(text) || text.startsWith(TRACE_MARKER);
  }

  return {
    push(chunk) {
      let text = '';
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.indexOf('\n', start);
        const piece = newline === -1 ? chunk.slice(start) : chunk.slice(start, newline);
        start = newline === -1 ? chunk.length : newline + 1;
        if (midLine) {
          text += piece;
        } else {
          pending += piece;
          if (newline !== -1 && pending.startsWith(TRACE_MARKER)) {
            emitText(text);
            text = '';
            emitTraceLine(pending, '\n');
            pending = '';
            continue;
          }
          if (!mayBecomeTrace(pending)) {
            text += pending;
            pending = '';
            midLine = true;
          }
        }
        if (newline !== -1) {
          text += pending + '\n';
          pending = '';
          midLine = false;
        }
      }
      emitText(text);
    },
    flush() {
      if (pending.startsWith(TRACE_MARKER)) emitTraceLine(pending, '');
      else emitText(pending);
      pending = '';
      midLine = false;
    },
  };
}
