// Splits a process's output stream into the reader's text and the queue visualiser's trace events.
// The examples' instrumentation prints whole lines `\u001eASYNC_LAB_TRACE <json>\n` on stdout; chunks from a
// pipe or a terminal can cut a line (or the marker itself) anywhere, so text that might still become a trace
// line is held back until its line ends, and everything else is passed on at once (prompts without a newline
// must show up immediately).

export const TRACE_MARKER = '\u001eASYNC_LAB_TRACE ';
const MARKER_START = TRACE_MARKER[0]!;
const NEWLINE = 0x0a;

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

  /** The current line began in an earlier chunk: ends it (or keeps holding it back); returns where the rest starts. */
  function continueLine(chunk: string): number {
    const newline = chunk.indexOf('\n');
    if (midLine) {
      emitText(newline === -1 ? chunk : chunk.slice(0, newline + 1));
    } else {
      pending += newline === -1 ? chunk : chunk.slice(0, newline);
      if (newline === -1) {
        if (mayBecomeTrace(pending)) return chunk.length; // still held back
        emitText(pending);
        midLine = true;
      } else if (pending.startsWith(TRACE_MARKER)) {
        emitTraceLine(pending, '\n');
      } else {
        emitText(pending + '\n');
      }
      pending = '';
    }
    if (newline === -1) return chunk.length;
    midLine = false;
    return newline + 1;
  }

  return {
    push(chunk) {
      // A trace line starts with the marker at the start of a line, so only the marker's first character needs
      // finding (output floods are searched, not walked line by line, and passed on in one piece).
      let from = pending || midLine ? continueLine(chunk) : 0;
      let search = from;
      for (;;) {
        const mark = chunk.indexOf(MARKER_START, search);
        if (mark === -1) break;
        search = mark + 1;
        if (mark > from && chunk.charCodeAt(mark - 1) !== NEWLINE) continue; // inside a line
        emitText(chunk.slice(from, mark));
        const newline = chunk.indexOf('\n', mark);
        const line = newline === -1 ? chunk.slice(mark) : chunk.slice(mark, newline);
        if (newline === -1) {
          // The line goes on in the next chunk: hold it back while it may still become a trace line.
          if (mayBecomeTrace(line)) {
            pending = line;
          } else {
            emitText(line);
            midLine = true;
          }
          return;
        }
        if (line.startsWith(TRACE_MARKER)) emitTraceLine(line, '\n');
        else emitText(line + '\n');
        from = search = newline + 1;
      }
      if (from < chunk.length) {
        emitText(chunk.slice(from));
        midLine = chunk.charCodeAt(chunk.length - 1) !== NEWLINE;
      }
    },
    flush() {
      if (pending.startsWith(TRACE_MARKER)) emitTraceLine(pending, '');
      else emitText(pending);
      pending = '';
      midLine = false;
    },
  };
}
