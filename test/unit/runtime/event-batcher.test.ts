import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventBatcher } from '../../../src/lib/runtime/event-batcher.ts';
import type { TraceLineEvent } from '../../../src/lib/runtime/trace-lines.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createEventBatcher', () => {
  it('delivers output merged, once per interval, in order with trace events', () => {
    const delivered: TraceLineEvent[] = [];
    const batcher = createEventBatcher((e) => delivered.push(e), { intervalMs: 50 });
    batcher.push({ type: 'output', text: 'a' });
    batcher.push({ type: 'output', text: 'b' });
    batcher.push({ type: 'trace', event: { n: 1 } });
    batcher.push({ type: 'output', text: 'c' });
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(delivered).toEqual([
      { type: 'output', text: 'ab' },
      { type: 'trace', event: { n: 1 } },
      { type: 'output', text: 'c' },
    ]);
  });

  it('drops nothing of a flood: the page decides what it keeps, and counts it', () => {
    const delivered: TraceLineEvent[] = [];
    const batcher = createEventBatcher((e) => delivered.push(e));
    const line = 'x'.repeat(99) + '\n';
    for (let i = 0; i < 10_000; i++) batcher.push({ type: 'output', text: line });
    batcher.push({ type: 'trace', event: 'kept' });
    batcher.flush();
    expect(delivered).toEqual([
      { type: 'output', text: line.repeat(10_000) },
      { type: 'trace', event: 'kept' },
    ]);
  });

  it('flush delivers at once; cancel drops what is pending', () => {
    const delivered: TraceLineEvent[] = [];
    const batcher = createEventBatcher((e) => delivered.push(e));
    batcher.push({ type: 'output', text: 'now' });
    batcher.flush();
    expect(delivered).toEqual([{ type: 'output', text: 'now' }]);
    batcher.push({ type: 'output', text: 'never' });
    batcher.cancel();
    vi.advanceTimersByTime(1_000);
    expect(delivered).toHaveLength(1);
  });
});
