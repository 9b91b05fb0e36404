import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { breakfastAllAtOnce, breakfastOneByOne } from '../src/breakfast.ts';

// Fake timers: we move the clock ourselves, so "1 second" costs no real time.
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function settledAfter<T>(promise: Promise<T>) {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

describe('sequential vs concurrent awaits', () => {
  it('one by one needs 1 s per job: not done after 2 s, done after 3 s', async () => {
    const meal = breakfastOneByOne(1000);
    const state = settledAfter(meal);
    await vi.advanceTimersByTimeAsync(2000);
    expect(state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.done).toBe(true);
    expect(await meal).toEqual(['coffee', 'toast', 'egg']);
  });

  it('all at once is done after 1 s, results still in order', async () => {
    const meal = breakfastAllAtOnce(1000);
    const state = settledAfter(meal);
    await vi.advanceTimersByTimeAsync(999);
    expect(state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.done).toBe(true);
    expect(await meal).toEqual(['coffee', 'toast', 'egg']);
  });
});
