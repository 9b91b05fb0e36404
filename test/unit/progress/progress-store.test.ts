import { describe, expect, it } from 'vitest';
import {
  markExercisePassed,
  markVisited,
  PROGRESS_KEY,
  readProgress,
  recordSelfCheck,
  resetProgress,
} from '../../../src/lib/progress/progress-store.ts';
import type { KeyValueStore } from '../../../src/lib/playground/persistence.ts';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('progress store', () => {
  it('remembers visits, passed exercises and self-check answers, and the last page', () => {
    const storage = memoryStorage();
    markVisited('01-async-await', '/zh/lessons/01-async-await/', storage, 1000);
    markVisited('05-queue-basics', '/en/lessons/05-queue-basics/', storage, 2000);
    markExercisePassed('05-queue-basics', storage, 3000);
    markExercisePassed('05-queue-basics', storage, 4000); // the first pass counts
    recordSelfCheck('01-async-await', 'promise-all-cancels', { choice: 2, correct: true }, storage, 5000);
    recordSelfCheck('01-async-await', 'promise-all-cancels', { choice: 1, correct: false }, storage, 6000);

    expect(readProgress(storage)).toEqual({
      visited: { '01-async-await': 1000, '05-queue-basics': 2000 },
      exercises: { '05-queue-basics': 3000 },
      selfChecks: { '01-async-await': { 'promise-all-cancels': { choice: 1, correct: false, at: 6000 } } },
      last: { lesson: '05-queue-basics', path: '/en/lessons/05-queue-basics/', at: 2000 },
    });
  });

  it('reads garbage, an old shape or no storage as empty progress, and never throws', () => {
    const empty = { visited: {}, exercises: {}, selfChecks: {} };
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: '{not json' }))).toEqual(empty);
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: '[1,2]' }))).toEqual(empty);
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: '{"visited":{"a":"x","b":2}}' }))).toEqual({
      ...empty,
      visited: { b: 2 },
    });
    expect(readProgress(undefined)).toEqual(empty);
    expect(() => markVisited('01-async-await', '/zh/', undefined)).not.toThrow();
  });

  it('survives a storage that refuses writes', () => {
    const refusing: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(() => markExercisePassed('01-async-await', refusing)).not.toThrow();
    expect(() => resetProgress(refusing)).not.toThrow();
  });

  it('forgets everything on reset', () => {
    const storage = memoryStorage();
    markVisited('01-async-await', '/zh/lessons/01-async-await/', storage);
    resetProgress(storage);
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
  });
});
