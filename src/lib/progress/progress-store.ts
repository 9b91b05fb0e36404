// The reader's progress through the course, kept in the browser only (localStorage): which lessons they opened,
// which exercises passed their checks, which self-check questions they answered. The course home reads it for
// "continue where you left off"; lessons, the playground and the self-checks write it. Progress is per lesson
// (the file name, e.g. "05-queue-basics"), not per language, so switching language keeps it.
// Storage can be missing, full or hold garbage (private mode, quota, an older format): progress is then
// simply empty, never an error.
import { browserStorage, type KeyValueStore } from '../playground/persistence.ts';

export interface SelfCheckAnswer {
  /** Index of the option the reader chose. */
  choice: number;
  correct: boolean;
  at: number;
}

export interface Progress {
  /** Lesson → when it was last opened (ms since the epoch). */
  visited: Record<string, number>;
  /** Example package (e.g. "05-queue-basics") → when its exercise first passed Check. */
  exercises: Record<string, number>;
  /** Lesson → question id → the reader's latest answer. */
  selfChecks: Record<string, Record<string, SelfCheckAnswer>>;
  /** The page the reader was last on, for "continue where you left off". */
  last?: { lesson: string; path: string; at: number };
}

export const PROGRESS_KEY = 'async-lab:progress:v1';
/** Dispatched on window after every change, so a page can refresh what it shows (detail: Progress). */
export const PROGRESS_EVENT = 'async-lab:progress';

const empty = (): Progress => ({ visited: {}, exercises: {}, selfChecks: {} });

export function readProgress(storage: KeyValueStore | undefined = browserStorage()): Progress {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? 'null');
    if (!isRecord(parsed)) return empty();
    return {
      visited: numbers(parsed.visited),
      exercises: numbers(parsed.exercises),
      selfChecks: isRecord(parsed.selfChecks) ? (parsed.selfChecks as Progress['selfChecks']) : {},
      ...(isRecord(parsed.last) && typeof parsed.last.path === 'string'
        ? { last: parsed.last as NonNullable<Progress['last']> }
        : {}),
    };
  } catch {
    return empty();
  }
}

/** The reader opened a lesson page (`path` is the page's pathname, in its language). */
export function markVisited(lesson: string, path: string, storage = browserStorage(), now = Date.now()): void {
  update(storage, (progress) => {
    progress.visited[lesson] = now;
    progress.last = { lesson, path, at: now };
  });
}

/** An exercise passed all its checks; the first time counts. */
export function markExercisePassed(example: string, storage = browserStorage(), now = Date.now()): void {
  update(storage, (progress) => {
    progress.exercises[example] ??= now;
  });
}

export function recordSelfCheck(
  lesson: string,
  question: string,
  answer: Omit<SelfCheckAnswer, 'at'>,
  storage = browserStorage(),
  now = Date.now(),
): void {
  update(storage, (progress) => {
    (progress.selfChecks[lesson] ??= {})[question] = { ...answer, at: now };
  });
}

/** Forgets everything (the course home offers it). */
export function resetProgress(storage = browserStorage()): void {
  try {
    storage?.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
  announce(empty());
}

function update(storage: KeyValueStore | undefined, change: (progress: Progress) => void): void {
  const progress = readProgress(storage);
  change(progress);
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Full or refused: the page still works, it just will not remember.
  }
  announce(progress);
}

function announce(progress: Progress): void {
  const target = globalThis as { dispatchEvent?: (event: Event) => boolean };
  if (typeof CustomEvent === 'function' && target.dispatchEvent) {
    target.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: progress }));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numbers(value: unknown): Record<string, number> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}
