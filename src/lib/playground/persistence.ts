// The reader's edits, kept per lesson and file in localStorage so they survive a reload; Reset forgets them.
// Storage can be missing or full (private mode, quota): edits then live only in the editor, never an error.

/** The subset of the Web Storage API we use, so tests can pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const prefix = 'async-lab:edits:v1';

export function editKey(lesson: string, example: string, file: string): string {
  return `${prefix}:${lesson}:${example}/${file}`;
}

export interface EditStore {
  /** The saved text of a file, or undefined when the reader has not changed it. */
  load(file: string): string | undefined;
  /** Saves the text; saving the original text forgets the edit instead. Returns false when storage failed. */
  save(file: string, text: string, original: string): boolean;
  /** Forgets the edits of the given files. */
  clear(files: readonly string[]): void;
  /** True when at least one of the files has a saved edit. */
  hasEdits(files: readonly string[]): boolean;
}

export function createEditStore(lesson: string, example: string, storage: KeyValueStore | undefined): EditStore {
  const key = (file: string) => editKey(lesson, example, file);
  const safely = <T>(fallback: T, action: () => T): T => {
    if (!storage) return fallback;
    try {
      return action();
    } catch {
      return fallback;
    }
  };
  const store: EditStore = {
    load: (file) => safely(undefined, () => storage!.getItem(key(file)) ?? undefined),
    save: (file, text, original) =>
      safely(false, () => {
        if (text === original) storage!.removeItem(key(file));
        else storage!.setItem(key(file), text);
        return true;
      }),
    clear: (files) => safely(undefined, () => files.forEach((file) => storage!.removeItem(key(file)))),
    hasEdits: (files) => files.some((file) => store.load(file) !== undefined),
  };
  return store;
}

/** window.localStorage when it can be used; touching it throws in some privacy modes. */
export function browserStorage(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
