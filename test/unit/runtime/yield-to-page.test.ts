import { describe, expect, it } from 'vitest';
import { createBreather, WORK_SLICE_MS } from '../../../src/lib/runtime/yield-to-page.ts';

describe('createBreather (a reader of a backlog gives the page a turn)', () => {
  it('lets work go on without yielding until a slice is spent, then yields once and starts a new slice', async () => {
    let t = 0;
    const breathe = createBreather(() => t);
    t = WORK_SLICE_MS - 1;
    expect(breathe()).toBeUndefined(); // within the slice: no turn, no promise to await
    t = WORK_SLICE_MS;
    const turn = breathe();
    expect(turn).toBeInstanceOf(Promise);
    await turn;
    // The new slice starts when the page gave the turn back.
    t += WORK_SLICE_MS - 1;
    expect(breathe()).toBeUndefined();
    t += 1;
    expect(breathe()).toBeInstanceOf(Promise);
  });
});
