// Keeps the end of a run's output, so a program printing a million lines (or one 10 MB line) cannot freeze the
// page. Text is only queued when it arrives; `process()` parses it in slices that stop when the caller's time
// budget is spent (output-view.ts calls it once per frame), so no task runs long however much comes at once.
// What is kept: the last `maxLines` lines and at most `maxChars` characters; a line longer than `maxLineLength`
// is kept as several pieces (`continues` on all but the last), so a line without an end costs no more than any
// other. Lines that are not kept are counted, one per line of the program's output.
import { AnsiParser, type AnsiSegment, type AnsiStyle } from './ansi.ts';

export const defaultMaxLines = 5000;
export const defaultMaxChars = 500_000;
export const defaultMaxLineLength = 4096;
/**
 * Queued text beyond which the oldest queued chunks are dropped unparsed, whole lines at a time (counted): a
 * program printing faster than the page can parse must not grow the tab's memory without end.
 */
export const defaultMaxBacklog = 16 * 1024 * 1024;
/** Text parsed between two looks at the clock: small enough to stop soon after the budget is spent. */
const SLICE_CHARS = 32 * 1024;

export interface OutputLine {
  /** Increases by one per line (or piece of a long line) over the whole run: a view can tell what it shows. */
  id: number;
  segments: AnsiSegment[];
  /** A piece of a long line: the line goes on in the next one (no line break between them). */
  continues?: boolean;
  /**
   * Characters of the same line before this piece (set on the pieces of a long line after its first), counting
   * those no longer kept: a view can say how much of a very long line it does not show.
   */
  start?: number;
  /** The line is still being written (no newline yet). */
  partial?: boolean;
}

export interface OutputBufferLimits {
  maxLines?: number;
  maxChars?: number;
  maxLineLength?: number;
  maxBacklog?: number;
}

export class OutputBuffer {
  readonly maxLines: number;
  readonly maxChars: number;
  readonly maxLineLength: number;
  readonly maxBacklog: number;
  /** Applied to each line's text once it is complete (and to the line being written when shown): the paths
   *  of a run's output as the reader knows them (run-error.ts). */
  rewrite: ((text: string) => string) | undefined;
  #backlog = 0;
  /** After a backlog drop: the text up to the next newline belongs to a line already counted as dropped. */
  #skipToNewline = false;
  /**
   * Queued text in slices of at most SLICE_CHARS, each with its number of newlines once counted: counting is
   * done lazily, a slice at a time, and only as far ahead as deciding what to skip needs (see #linesAhead).
   */
  #pending: { text: string; newlines?: number }[] = [];
  #parser = new AnsiParser();
  /** Kept lines from #head on (a queue without shifting arrays). */
  #lines: OutputLine[] = [];
  #head = 0;
  #keptChars = 0;
  #current: AnsiSegment[] = [];
  #currentLength = 0;
  /** Characters of the open line already ended as pieces (kept or not). */
  #currentStart = 0;
  #nextId = 0;
  #dropped = 0;
  #ending = false;

  constructor(limits: OutputBufferLimits | number = {}) {
    const { maxLines, maxChars, maxLineLength, maxBacklog } =
      typeof limits === 'number' ? { maxLines: limits } : limits;
    this.maxLines = maxLines ?? defaultMaxLines;
    this.maxChars = maxChars ?? defaultMaxChars;
    this.maxLineLength = maxLineLength ?? defaultMaxLineLength;
    this.maxBacklog = maxBacklog ?? defaultMaxBacklog;
  }

  /** Queues text as it arrives (cheap: the work happens in process()). */
  append(text: string): void {
    if (!text) return;
    // Slicing a string is cheap (no copy); counting or parsing it is left to process().
    for (let at = 0; at < text.length; at += SLICE_CHARS)
      this.#pending.push({ text: text.slice(at, at + SLICE_CHARS) });
    this.#backlog += text.length;
    if (this.#backlog > this.maxBacklog) this.#dropBacklog();
  }

  /**
   * Drops the oldest queued chunks until the backlog is half the limit, without parsing them (that is the point):
   * the line left open goes too, and the first line after the cut is skipped up to its newline, so what is kept
   * starts at a line boundary (never inside an escape sequence's parameters). Lines are counted by their
   * newlines; the colours in force after the cut start afresh.
   */
  #dropBacklog(): void {
    let chunks = 0;
    let newlines = 0;
    while (this.#backlog > this.maxBacklog / 2 && this.#pending.length > 1) {
      const chunk = this.#pending.shift()!;
      this.#backlog -= chunk.text.length;
      newlines += chunk.newlines ?? countNewlines(chunk.text);
      chunks++;
    }
    if (chunks === 0) return;
    // Lines gone: the open line (ended by the first newline, or still open at the cut), the ones between, and
    // the one open at the cut, skipped to its end. While already skipping, the first was counted before.
    let lines: number;
    if (this.#skipToNewline) {
      lines = newlines;
    } else {
      this.#removeOpenLine();
      lines = newlines === 0 ? 1 : newlines + 1;
    }
    this.#nextId += lines;
    this.#dropped += lines;
    this.#parser = new AnsiParser();
    this.#skipToNewline = true;
  }

  /** The run ended: once the queued text is processed, the line still open counts as ended. */
  flush(): void {
    this.#ending = true;
  }

  /** True while queued text waits for process(). */
  get busy(): boolean {
    return this.#pending.length > 0 || (this.#ending && this.#currentLength > 0);
  }

  /**
   * Parses queued text until `shouldYield()` says the time is up (checked every few KB) or nothing is left.
   * Returns true when text is still queued. Without an argument it processes everything (tests, small output).
   */
  process(shouldYield: () => boolean = () => false): boolean {
    while (this.#pending.length > 0) {
      // When at least maxLines lines follow this slice, nothing ended in it can be kept: only the parser's
      // state (colours, an open escape) and the count of lines matter.
      const skip = this.#linesAhead() >= this.maxLines;
      const chunk = this.#pending.shift()!;
      let slice = chunk.text;
      let newlines = chunk.newlines ?? countNewlines(slice);
      this.#backlog -= slice.length;
      if (this.#skipToNewline) {
        const newline = slice.indexOf('\n');
        if (newline === -1) continue;
        this.#skipToNewline = false;
        slice = slice.slice(newline + 1);
        newlines--;
      }
      if (skip) this.#skip(slice, newlines);
      else this.#parser.write(slice, (text, style) => this.#take(text, style));
      this.#trim();
      if (shouldYield()) break;
    }
    if (this.#pending.length === 0 && this.#ending && this.#currentLength > 0) {
      this.#endLine(false);
      this.#trim();
    }
    return this.#pending.length > 0;
  }

  clear(): void {
    this.#pending = [];
    this.#backlog = 0;
    this.#skipToNewline = false;
    this.#parser = new AnsiParser();
    this.#lines = [];
    this.#head = 0;
    this.#keptChars = 0;
    this.#current = [];
    this.#currentLength = 0;
    this.#currentStart = 0;
    this.#dropped = 0;
    this.#ending = false;
  }

  /** Kept lines, oldest first, then the line still being written (id = the next id) when there is one. */
  lines(): OutputLine[] {
    const kept = this.#lines.slice(this.#head);
    if (this.#currentLength === 0) return kept;
    const open: OutputLine = { id: this.#nextId, segments: this.#rewritten(this.#current), partial: true };
    if (this.#currentStart > 0) open.start = this.#currentStart;
    return [...kept, open];
  }

  /** Lines of the program's output not kept (dropped from the start to stay within the limits). */
  get dropped(): number {
    return this.#dropped;
  }

  /** All the kept output as plain text without escapes (Copy output, the checker's verdict): processes the queue. */
  text(): string {
    this.process();
    return this.lines()
      .map((line) => line.segments.map((s) => s.text).join('') + (line.continues || line.partial ? '' : '\n'))
      .join('')
      .replace(/\n$/, '');
  }

  /** Newlines queued after the first slice, counted only until there are maxLines of them. */
  #linesAhead(): number {
    let lines = 0;
    for (let i = 1; i < this.#pending.length && lines < this.maxLines; i++) {
      const chunk = this.#pending[i]!;
      chunk.newlines ??= countNewlines(chunk.text);
      lines += chunk.newlines;
    }
    return lines;
  }

  /** A run of printable text (may hold newlines) with its style. */
  #take(text: string, style: AnsiStyle): void {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      this.#add(text.slice(start, end), style);
      if (newline === -1) return;
      this.#endLine(false);
      start = newline + 1;
    }
  }

  /** Adds text without newlines to the open line, ending a piece whenever it reaches maxLineLength. */
  #add(text: string, style: AnsiStyle): void {
    while (text.length > 0) {
      let room = this.maxLineLength - this.#currentLength;
      // Never split a surrogate pair between two pieces.
      if (room < text.length && isHighSurrogate(text.charCodeAt(room - 1))) room--;
      const part = room >= text.length ? text : text.slice(0, Math.max(1, room));
      const last = this.#current.at(-1);
      if (last && last.style === style) last.text += part;
      else this.#current.push({ text: part, style });
      this.#currentLength += part.length;
      text = text.slice(part.length);
      if (this.#currentLength >= this.maxLineLength - 1 && text.length > 0) this.#endLine(true);
    }
  }

  #endLine(continues: boolean): void {
    const line: OutputLine = {
      id: this.#nextId++,
      segments: continues ? this.#current : this.#rewritten(this.#current),
    };
    if (continues) line.continues = true;
    if (this.#currentStart > 0) line.start = this.#currentStart;
    this.#lines.push(line);
    this.#keptChars += this.#currentLength;
    this.#currentStart = continues ? this.#currentStart + this.#currentLength : 0;
    this.#current = [];
    this.#currentLength = 0;
  }

  #rewritten(segments: AnsiSegment[]): AnsiSegment[] {
    const rewrite = this.rewrite;
    return rewrite ? segments.map((segment) => ({ text: rewrite(segment.text), style: segment.style })) : [...segments];
  }

  /** Follows the parser through text whose lines will not be kept, counting the lines it ends. */
  #skip(text: string, newlines: number): void {
    let ended = newlines;
    // Only an escape sequence can hide a newline (inside a string's payload); without one, the count stands.
    if (this.#parser.inEscape || MAY_ESCAPE.test(text)) ended = this.#parser.follow(text);
    if (ended === 0) return;
    // The open line (and the pieces of it already kept) ended in here, then `ended - 1` whole lines.
    this.#dropOpenLine();
    this.#nextId += ended - 1;
    this.#dropped += ended - 1;
  }

  /** The open line ended but is not kept: drop its kept pieces too, and count it once. */
  #dropOpenLine(): void {
    this.#removeOpenLine();
    this.#nextId++;
    this.#dropped++;
  }

  /** Forgets the open line and the pieces of it already kept. */
  #removeOpenLine(): void {
    while (this.#lines.length > this.#head && this.#lines.at(-1)!.continues) {
      this.#keptChars -= length(this.#lines.pop()!);
    }
    this.#current = [];
    this.#currentLength = 0;
    this.#currentStart = 0;
  }

  #trim(): void {
    while (
      this.#lines.length - this.#head > this.maxLines ||
      (this.#keptChars > this.maxChars && this.#lines.length > this.#head)
    ) {
      const line = this.#lines[this.#head++]!;
      this.#keptChars -= length(line);
      // A line counts as not kept once its last piece goes.
      if (!line.continues) this.#dropped++;
    }
    if (this.#head > 4096 && this.#head * 2 > this.#lines.length) {
      this.#lines = this.#lines.slice(this.#head);
      this.#head = 0;
    }
  }
}

function length(line: OutputLine): number {
  let n = 0;
  for (const segment of line.segments) n += segment.text.length;
  return n;
}

/** ESC or a C1 control: text without any is plain to the parser. */
// eslint-disable-next-line no-control-regex
const MAY_ESCAPE = /[\u001b\u0080-\u009f]/;

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
