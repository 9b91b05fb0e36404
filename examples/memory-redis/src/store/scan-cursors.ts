// Open SCAN cursors of one server. Redis's SCAN guarantees that every element present for the whole
// scan is returned, whatever is added or deleted meanwhile. A JS Map or Set iterator keeps exactly that
// promise (entries deleted before they are reached are skipped, the others are visited once), so a
// cursor number names a live iterator instead of an offset that deletions would shift.

type OpenCursor = { target: object; iterator: Iterator<unknown> };

/** How many unfinished scans are kept; the oldest is forgotten beyond that. */
const MAX_OPEN = 10_000;

export class ScanCursors {
  private readonly open = new Map<string, OpenCursor>();
  private next = 1;

  /**
   * The iterator that cursor `cursor` left off at on `target`, or a new one from the start when the
   * cursor is 0, unknown (forgotten, or from another collection) or not ours. Starting again can only
   * repeat elements, which SCAN allows; it never skips one.
   */
  resume<T>(cursor: string, target: object, start: () => Iterator<T>): Iterator<T> {
    const found = cursor === '0' ? undefined : this.open.get(cursor);
    if (found) this.open.delete(cursor);
    return found && found.target === target ? (found.iterator as Iterator<T>) : start();
  }

  /** Parks an unfinished iterator; returns the cursor that resumes it. */
  park(target: object, iterator: Iterator<unknown>): string {
    const cursor = String(this.next++);
    this.open.set(cursor, { target, iterator });
    if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    return cursor;
  }
}
