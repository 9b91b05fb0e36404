import { describe, expect, it } from 'vitest';
import { createEditStore, editKey, type KeyValueStore } from '../../../src/lib/playground/persistence.ts';

function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('edit persistence', () => {
  it('keeps edits per lesson and file', () => {
    const storage = memoryStorage();
    const a = createEditStore('en/lessons/05', '05-queue-basics', storage);
    const b = createEditStore('zh/lessons/05', '05-queue-basics', storage);
    a.save('src/main.ts', 'edited', 'original');
    expect(a.load('src/main.ts')).toBe('edited');
    expect(a.load('src/worker.ts')).toBeUndefined();
    expect(b.load('src/main.ts')).toBeUndefined();
    expect(storage.data.has(editKey('en/lessons/05', '05-queue-basics', 'src/main.ts'))).toBe(true);
  });

  it('forgets an edit that is back to the original text', () => {
    const storage = memoryStorage();
    const store = createEditStore('l', 'e', storage);
    store.save('f.ts', 'changed', 'original');
    store.save('f.ts', 'original', 'original');
    expect(store.hasEdits(['f.ts'])).toBe(false);
    expect(storage.data.size).toBe(0);
  });

  it('clear (Reset) forgets only the given files', () => {
    const store = createEditStore('l', 'e', memoryStorage());
    store.save('a.ts', '1', '0');
    store.save('b.ts', '1', '0');
    store.clear(['a.ts']);
    expect(store.hasEdits(['a.ts'])).toBe(false);
    expect(store.hasEdits(['a.ts', 'b.ts'])).toBe(true);
  });

  it('works without storage, and when storage throws (private mode, quota)', () => {
    const none = createEditStore('l', 'e', undefined);
    expect(none.save('a.ts', '1', '0')).toBe(false);
    expect(none.load('a.ts')).toBeUndefined();
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const store = createEditStore('l', 'e', broken);
    expect(store.save('a.ts', '1', '0')).toBe(false);
    expect(store.load('a.ts')).toBeUndefined();
  });
});
