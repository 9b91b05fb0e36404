import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../../src/lib/playground/output-buffer.ts';

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
    expect(buffer.lines()).toHaveLength(5000);
    expect(buffer.dropped).toBe(995_000);
    expect(buffer.lines().at(-1)!.segments[0]!.text).toBe('n=999999');
  });

  it('keeps the colour of dropped lines for the lines after them', () => {
    const buffer = new OutputBuffer(1);
    buffer.append('\u001b[31mred starts\nstill red\n');
    expect(buffer.lines()[0]!.segments[0]!.style.fg).toBe('var(--pg-ansi-red)');
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
