import { describe, expect, it } from 'vitest';
import type { AnsiStyle } from '../../../src/lib/playground/ansi.ts';
import type { OutputLine } from '../../../src/lib/playground/output-buffer.ts';
import { FRAME_MAX_CHARS, FRAME_MAX_LINES, linesToAdd, tail } from '../../../src/lib/playground/output-view.ts';

const plain = {} as AnsiStyle;
const lines = (count: number, text = (i: number) => `line ${i}`): OutputLine[] =>
  Array.from({ length: count }, (_, id) => ({ id, segments: [{ text: text(id), style: plain }] }));

/** A clock that moves on by `step` ms each time it is read: the frame's deadline is reached after a known count. */
function steppingClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe('linesToAdd (one frame of the output view)', () => {
  it('adds everything not shown yet when the budget allows', () => {
    const result = linesToAdd(lines(10), 3, { deadline: Infinity, now: () => 0 });
    expect(result.add.map((l) => l.id)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(result.behind).toBe(false);
  });

  it('stops at the deadline of the clock it is given and leaves the rest for later frames', () => {
    // Read once per line after the first: the 4th read (t = 4) is past the deadline 3.5.
    const result = linesToAdd(lines(100), -1, { deadline: 3.5, now: steppingClock(1) });
    expect(result.add.map((l) => l.id)).toEqual([0, 1, 2, 3]);
    expect(result.behind).toBe(true);
  });

  it('adds at most a frame of lines and of characters, whatever the clock says', () => {
    const byLines = linesToAdd(lines(5000), -1, { deadline: Infinity, now: () => 0 });
    expect(byLines.add).toHaveLength(FRAME_MAX_LINES);
    expect(byLines.behind).toBe(true);
    const pieces = lines(100, () => 'x'.repeat(4096));
    const byChars = linesToAdd(pieces, -1, { deadline: Infinity, now: () => 0 });
    expect(byChars.add).toHaveLength(Math.floor(FRAME_MAX_CHARS / 4096));
    expect(byChars.behind).toBe(true);
  });

  it('always moves on by one line, even past the deadline or with a line larger than the frame', () => {
    const huge = lines(3, () => 'x'.repeat(FRAME_MAX_CHARS * 2));
    const result = linesToAdd(huge, 0, { deadline: 0, now: () => 1 });
    expect(result.add.map((l) => l.id)).toEqual([1]);
    expect(result.behind).toBe(true);
  });

  it('skips ids that are gone (pieces of a long line dropped whole)', () => {
    const gappy = lines(6).filter((l) => l.id !== 2 && l.id !== 3);
    expect(linesToAdd(gappy, 2, { deadline: Infinity, now: () => 0 }).add.map((l) => l.id)).toEqual([4, 5]);
  });
});

describe('tail (what a flood shows)', () => {
  it('is the newest lines that one frame may add', () => {
    const shown = tail(lines(5000));
    expect(shown).toHaveLength(FRAME_MAX_LINES);
    expect(shown.at(-1)!.id).toBe(4999);
    const long = tail(lines(50, () => 'x'.repeat(4096)));
    expect(long).toHaveLength(Math.floor(FRAME_MAX_CHARS / 4096));
    expect(long.at(-1)!.id).toBe(49);
  });

  it('shows the newest line even when it alone is larger than a frame', () => {
    expect(tail(lines(3, () => 'x'.repeat(FRAME_MAX_CHARS + 1))).map((l) => l.id)).toEqual([2]);
  });
});
