import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../../src/lib/playground/output-buffer.ts';

/** Everything queued, processed: what a view shows once it has caught up. */
function processed(buffer: OutputBuffer): OutputBuffer {
  buffer.process();
  return buffer;
}

describe('OutputBuffer', () => {
  it('joins chunks into lines and keeps an unfinished line', () => {
    const buffer = new OutputBuffer();
    buffer.append('hel');
    buffer.append('lo\nwor');
    expect(buffer.text()).toBe('hello\nwor');
    buffer.append('ld\r\n');
    expect(buffer.text()).toBe('hello\nworld');
    expect(buffer.lines().map((l) => l.id)).toEqual([0, 1]);
  });

  it('only queues text on append: process() does the work', () => {
    const buffer = new OutputBuffer();
    buffer.append('a\nb\n');
    expect(buffer.busy).toBe(true);
    expect(buffer.lines()).toEqual([]);
    expect(buffer.process()).toBe(false);
    expect(buffer.lines()).toHaveLength(2);
  });

  it('keeps only the last maxLines lines and counts the dropped ones', () => {
    const buffer = new OutputBuffer(3);
    for (let i = 1; i <= 10; i++) buffer.append(`line ${i}\n`);
    expect(buffer.text()).toBe('line 8\nline 9\nline 10');
    expect(buffer.dropped).toBe(7);
    expect(buffer.lines()[0]!.id).toBe(7);
  });

  it('handles a million lines in one chunk without keeping them', () => {
    const buffer = new OutputBuffer(5000);
    buffer.append(Array.from({ length: 1_000_000 }, (_, i) => `n=${i}`).join('\n') + '\n');
    processed(buffer);
    expect(buffer.lines()).toHaveLength(5000);
    expect(buffer.dropped).toBe(995_000);
    expect(buffer.lines().at(-1)!.segments[0]!.text).toBe('n=999999');
  });

  it('counts every line not kept when a million lines arrive in many chunks, processed a slice at a time', () => {
    const buffer = new OutputBuffer(5000);
    let line = 0;
    for (let chunk = 0; chunk < 1000; chunk++) {
      // Chunks end mid-line, as a pipe delivers them.
      let text = '';
      for (let i = 0; i < 1000; i++) text += `\u001b[32mline ${line++}\u001b[0m\n`;
      buffer.append(chunk % 2 ? text : text.slice(0, 5));
      if (chunk % 2 === 0) buffer.append(text.slice(5));
      // A view processes within its time budget; here the budget is spent after every slice.
      buffer.process(() => true);
    }
    let slices = 0;
    while (buffer.process(() => true)) slices++;
    expect(slices).toBeGreaterThan(10); // a backlog is worked off in many short steps, not one long one
    expect(buffer.dropped).toBe(995_000);
    expect(buffer.lines()).toHaveLength(5000);
    expect(buffer.text().split('\n').at(-1)).toBe('line 999999');
    expect(buffer.lines()[0]!.segments[0]!.style.fg).toBe('var(--pg-ansi-green)');
  });

  it('keeps a 10 MB line without a newline as pieces within the limits, and the page can process it in slices', () => {
    const buffer = new OutputBuffer({ maxLines: 5000, maxChars: 1_000_000, maxLineLength: 4096 });
    const line = 'x'.repeat(10 * 1024 * 1024 - 4) + 'tail';
    buffer.append(line);
    let steps = 0;
    while (buffer.process(() => true)) steps++;
    expect(steps).toBeGreaterThan(100);
    const lines = buffer.lines();
    expect(lines.every((l) => l.segments.reduce((n, s) => n + s.text.length, 0) <= 4096)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.continues)).toBe(true);
    expect(lines.at(-1)!.partial).toBe(true);
    buffer.flush();
    processed(buffer);
    const kept = buffer.text();
    expect(kept.length).toBeLessThanOrEqual(1_000_000);
    expect(kept.endsWith('xtail')).toBe(true);
    expect(kept).not.toContain('\n'); // one line, in pieces
    expect(buffer.dropped).toBe(0); // no line was dropped whole: its end is kept
    // The first kept piece says how much of the line before it is gone (a view tells the reader).
    const first = buffer.lines()[0]!;
    expect(first.start).toBe(line.length - kept.length);
    expect(
      buffer
        .lines()
        .slice(1)
        .every((l, i) => l.start === first.start! + 4096 * (i + 1)),
    ).toBe(true);
  });

  it('marks no start on lines that are whole, nor on the first piece of a long line', () => {
    const buffer = new OutputBuffer({ maxLineLength: 4 });
    buffer.append('ab\nabcdefghij\ncd');
    const lines = processed(buffer).lines();
    expect(lines.map((l) => [l.segments.map((s) => s.text).join(''), l.start])).toEqual([
      ['ab', undefined],
      ['abcd', undefined],
      ['efgh', 4],
      ['ij', 8],
      ['cd', undefined],
    ]);
  });

  it('does not count newlines inside an escape string as lines', () => {
    const buffer = new OutputBuffer(2);
    buffer.append('a\n\u001bPpayload\nwith\nnewlines\u001b\\b\nc\nd\n');
    expect(buffer.text()).toBe('c\nd');
    expect(buffer.dropped).toBe(2);
  });

  it('never splits a surrogate pair between two pieces of a long line', () => {
    const buffer = new OutputBuffer({ maxLineLength: 4 });
    buffer.append('abc😀def\n');
    processed(buffer);
    const pieces = buffer.lines().map((l) => l.segments.map((s) => s.text).join(''));
    expect(pieces.join('')).toBe('abc😀def');
    expect(pieces.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('keeps the colour of dropped lines for the lines after them', () => {
    const buffer = new OutputBuffer(1);
    buffer.append('\u001b[31mred starts\nstill red\n');
    expect(processed(buffer).lines()[0]!.segments[0]!.style.fg).toBe('var(--pg-ansi-red)');
  });

  it('flush ends the last line so nothing printed without a newline is lost', () => {
    const buffer = new OutputBuffer(2);
    buffer.append('a\nb\nno newline');
    buffer.flush();
    expect(buffer.text()).toBe('b\nno newline');
    expect(buffer.dropped).toBe(1);
  });

  it('clear starts over', () => {
    const buffer = new OutputBuffer(1);
    buffer.append('x\ny\n');
    buffer.clear();
    expect(buffer.text()).toBe('');
    expect(buffer.dropped).toBe(0);
  });
});

describe('OutputBuffer under a flood faster than the page parses', () => {
  it('drops the oldest queued text at line boundaries, counts those lines, and keeps no escape fragment', () => {
    const buffer = new OutputBuffer({ maxLines: 100, maxBacklog: 1000 });
    buffer.append('kept\nopen ');
    buffer.process();
    // 10 chunks of 10 lines (100 chars each) arrive before the page processes any: the backlog overflows.
    let n = 0;
    for (let chunk = 0; chunk < 10; chunk++) {
      let text = '';
      for (let i = 0; i < 10; i++) text += `\u001b[31m${String(n++).padStart(3, '0')}\u001b[0m\n`;
      buffer.append(text.slice(0, 7) + text.slice(7)); // one string per chunk
    }
    buffer.process();
    const lines = buffer.text().split('\n');
    expect(lines[0]).toBe('kept');
    // Every line is whole: no parameters of a cut escape, no half line.
    expect(
      lines.slice(1).every((line) => /^\d{3}$/.test(line)),
      lines.join('|'),
    ).toBe(true);
    // Lines seen + lines counted as not kept = every line printed ("open …" ended at the first newline).
    expect(lines.length - 1 + buffer.dropped).toBe(100);
    expect(buffer.lines().at(-1)!.segments[0]!.text).toBe('099');
  });
});
