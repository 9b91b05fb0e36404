// A Redis stream: entries in id order (ids only grow, so appends stay sorted) with binary search
// for ranges. Deleted entries are removed in place; trimming drops from the front.

export type StreamId = { ms: number; seq: number };
export type StreamEntry = { id: StreamId; fields: string[] };

export function compareIds(a: StreamId, b: StreamId): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.seq - b.seq;
}

export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

export class Stream {
  entries: StreamEntry[] = [];
  /** First entry still in `entries` (trim advances it; compaction happens in bulk). */
  private start = 0;
  lastId: StreamId = { ms: 0, seq: 0 };
  entriesAdded = 0;

  get length(): number {
    return this.entries.length - this.start;
  }

  append(entry: StreamEntry): void {
    this.entries.push(entry);
    this.lastId = entry.id;
    this.entriesAdded++;
  }

  /** Index (absolute) of the first entry with id >= target (or > when exclusive). */
  lowerBound(target: StreamId, exclusive = false): number {
    let lo = this.start,
      hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compareIds(this.entries[mid]!.id, target);
      if (exclusive ? c <= 0 : c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  range(min: StreamId, max: StreamId, count: number, exclusiveMin = false): StreamEntry[] {
    const out: StreamEntry[] = [];
    for (let i = this.lowerBound(min, exclusiveMin); i < this.entries.length && out.length < count; i++) {
      const e = this.entries[i]!;
      if (compareIds(e.id, max) > 0) break;
      out.push(e);
    }
    return out;
  }

  revRange(max: StreamId, min: StreamId, count: number): StreamEntry[] {
    const out: StreamEntry[] = [];
    for (let i = this.lowerBound(max, true) - 1; i >= this.start && out.length < count; i--) {
      const e = this.entries[i]!;
      if (compareIds(e.id, min) < 0) break;
      out.push(e);
    }
    return out;
  }

  delete(id: StreamId): boolean {
    const i = this.lowerBound(id);
    if (i < this.entries.length && compareIds(this.entries[i]!.id, id) === 0) {
      this.entries.splice(i, 1);
      return true;
    }
    return false;
  }

  /** Keeps the newest maxLen entries; returns how many were removed. */
  trimToLength(maxLen: number): number {
    const excess = this.length - maxLen;
    if (excess <= 0) return 0;
    this.start += excess;
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
    return excess;
  }

  /** Removes entries with id < minId; returns how many were removed. */
  trimToMinId(minId: StreamId): number {
    const i = this.lowerBound(minId);
    const removed = i - this.start;
    this.trimToLength(this.length - removed);
    return removed;
  }

  first(): StreamEntry | undefined {
    return this.entries[this.start];
  }
}
