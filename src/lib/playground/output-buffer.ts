// Keeps the last `maxLines` lines of a run's output, so a program printing a million lines cannot freeze the
// page: text arrives in arbitrary chunks, is split into lines, and the oldest lines are dropped (and counted).
import { parseAnsi, type AnsiSegment, type AnsiStyle } from './ansi.ts';

export const defaultMaxLines = 5000;

export interface OutputLine {
  /** Increases by one per line over the whole run, so a view can tell which lines it already shows. */
  id: number;
  segments: AnsiSegment[];
  /** The line is still being written (no newline yet). */
  partial?: boolean;
}

export class OutputBuffer {
  readonly maxLines: number;
  #lines: OutputLine[] = [];
  /** The line still being written (no newline yet); its text is raw, parsed when the line ends or is shown. */
  #partial = '';
  #partialStyle: AnsiStyle = {};
  #style: AnsiStyle = {};
  #nextId = 0;
  #dropped = 0;

  constructor(maxLines = defaultMaxLines) {
    this.maxLines = maxLines;
  }

  append(text: string): void {
    const pieces = (this.#partial + text.replace(/\r\n/g, '\n')).split('\n');
    this.#partial = pieces.pop()!;
    // Only the last `maxLines` complete lines can survive, so never parse more than that from one chunk.
    const skip = Math.max(0, pieces.length - this.maxLines);
    for (let i = 0; i < pieces.length; i++) {
      if (i < skip) {
        // Skipped lines still carry colour state into the next ones.
        this.#style = parseAnsi(pieces[i]!, this.#style).style;
        this.#nextId++;
        this.#dropped++;
        continue;
      }
      this.#pushLine(pieces[i]!);
    }
    this.#partialStyle = this.#style;
    this.#trim();
  }

  /** Ends the partial line (called when the run exits) so nothing printed is lost. */
  flush(): void {
    if (this.#partial) {
      const text = this.#partial;
      this.#partial = '';
      this.#pushLine(text);
      this.#trim();
    }
  }

  clear(): void {
    this.#lines = [];
    this.#partial = '';
    this.#style = {};
    this.#partialStyle = {};
    this.#dropped = 0;
  }

  /** Complete lines kept, oldest first, then the partial line (id = next id) when there is one. */
  lines(): OutputLine[] {
    if (!this.#partial) return this.#lines;
    const segments = parseAnsi(this.#partial, this.#partialStyle).segments;
    return [...this.#lines, { id: this.#nextId, segments, partial: true }];
  }

  /** How many lines were dropped from the start to stay under the cap. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The kept output as plain text without escapes (for Copy output and tests). */
  text(): string {
    return this.lines()
      .map((line) => line.segments.map((s) => s.text).join(''))
      .join('\n');
  }

  #pushLine(text: string): void {
    const parsed = parseAnsi(text.replace(/\r$/, ''), this.#style);
    this.#style = parsed.style;
    this.#lines.push({ id: this.#nextId++, segments: parsed.segments });
  }

  #trim(): void {
    const excess = this.#lines.length - this.maxLines;
    if (excess > 0) {
      this.#lines.splice(0, excess);
      this.#dropped += excess;
    }
  }
}
