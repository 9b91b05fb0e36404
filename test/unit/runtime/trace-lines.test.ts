import { describe, expect, it } from 'vitest';
import { createTraceLineSplitter, TRACE_MARKER, type TraceLineEvent } from '../../../src/lib/runtime/trace-lines.ts';

/** Feeds the chunks, then merges adjacent text events: how chunks are cut must not change what the reader sees. */
function split(chunks: string[]): TraceLineEvent[] {
  const events: TraceLineEvent[] = [];
  const splitter = createTraceLineSplitter((event) => events.push(event));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.flush();
  return merge(events);
}

function merge(events: TraceLineEvent[]): TraceLineEvent[] {
  const merged: TraceLineEvent[] = [];
  for (const event of events) {
    const last = merged.at(-1);
    if (event.type === 'output' && last?.type === 'output') last.text += event.text;
    else merged.push({ ...event });
  }
  return merged;
}

const trace = (event: unknown) => `${TRACE_MARKER}${JSON.stringify(event)}\n`;

describe('createTraceLineSplitter', () => {
  it('passes plain output through untouched', () => {
    expect(split(['hello\n', 'world\n'])).toEqual([{ type: 'output', text: 'hello\nworld\n' }]);
  });

  it('turns trace lines into trace events, in order with the text around them', () => {
    const stream = `before\n${trace({ kind: 'added', id: '1' })}middle\n${trace({ kind: 'done', id: '1' })}after\n`;
    expect(split([stream])).toEqual([
      { type: 'output', text: 'before\n' },
      { type: 'trace', event: { kind: 'added', id: '1' } },
      { type: 'output', text: 'middle\n' },
      { type: 'trace', event: { kind: 'done', id: '1' } },
      { type: 'output', text: 'after\n' },
    ]);
  });

  it('gives the same events however the stream is cut, even inside the marker', () => {
    const stream = `a\n${trace({ n: 1 })}b ${TRACE_MARKER.slice(0, 5)} not a trace\n${trace({ n: 2, s: 'é✓' })}tail`;
    const expected = split([stream]);
    expect(expected.filter((e) => e.type === 'trace')).toHaveLength(2);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(split(chunks), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('emits text without a newline at once (a prompt must not wait for the line to end)', () => {
    const events: TraceLineEvent[] = [];
    const splitter = createTraceLineSplitter((event) => events.push(event));
    splitter.push('Waiting for jobs...');
    expect(events).toEqual([{ type: 'output', text: 'Waiting for jobs...' }]);
  });

  it('holds back only what could still become a trace line', () => {
    const events: TraceLineEvent[] = [];
    const splitter = createTraceLineSplitter((event) => events.push(event));
    splitter.push('x\n' + TRACE_MARKER.slice(0, 4));
    expect(events).toEqual([{ type: 'output', text: 'x\n' }]);
    splitter.push('nope');
    expect(merge(events)).toEqual([{ type: 'output', text: 'x\n' + TRACE_MARKER.slice(0, 4) + 'nope' }]);
  });

  it('accepts terminal line endings (\\r\\n) on trace lines', () => {
    expect(split([`${TRACE_MARKER}{"a":1}\r\nok\r\n`])).toEqual([
      { type: 'trace', event: { a: 1 } },
      { type: 'output', text: 'ok\r\n' },
    ]);
  });

  it('shows a broken trace line as text instead of losing it', () => {
    expect(split([`${TRACE_MARKER}{not json\n`])).toEqual([{ type: 'output', text: `${TRACE_MARKER}{not json\n` }]);
  });

  it('does not treat the marker in the middle of a line as a trace', () => {
    const line = `say ${TRACE_MARKER}{"a":1}\n`;
    expect(split([line])).toEqual([{ type: 'output', text: line }]);
  });

  it('parses an unterminated trace line when the stream ends', () => {
    expect(split([`${TRACE_MARKER}{"last":true}`])).toEqual([{ type: 'trace', event: { last: true } }]);
  });
});
