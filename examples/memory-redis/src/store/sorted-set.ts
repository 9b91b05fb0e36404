// A Redis sorted set: a member→score map plus a chunked sorted list ordered by (score, member).
// Inserts, deletes and rank lookups cost O(log n + chunk size) instead of re-sorting or copying.

export type ZEntry = { member: string; score: number };

const MAX_CHUNK = 512;

function less(a: ZEntry, score: number, member: string): boolean {
  return a.score < score || (a.score === score && a.member < member);
}

export class SortedSet {
  readonly scores = new Map<string, number>();
  private chunks: ZEntry[][] = [];

  get size(): number {
    return this.scores.size;
  }

  /** Index of the first chunk whose last entry is not less than (score, member). */
  private chunkFor(score: number, member: string): number {
    let lo = 0,
      hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (less(chunk[chunk.length - 1]!, score, member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static lowerBound(chunk: ZEntry[], score: number, member: string): number {
    let lo = 0,
      hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (less(chunk[mid]!, score, member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sets member's score; returns true when the member is new. */
  add(member: string, score: number): boolean {
    const old = this.scores.get(member);
    if (old !== undefined) {
      if (old === score) return false;
      this.removeEntry(member, old);
    }
    this.scores.set(member, score);
    const entry = { member, score };
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
    } else {
      const ci = this.chunkFor(score, member);
      const chunk = this.chunks[ci]!;
      chunk.splice(SortedSet.lowerBound(chunk, score, member), 0, entry);
      if (chunk.length > MAX_CHUNK * 2) this.chunks.splice(ci + 1, 0, chunk.splice(MAX_CHUNK));
    }
    return old === undefined;
  }

  remove(member: string): boolean {
    const score = this.scores.get(member);
    if (score === undefined) return false;
    this.scores.delete(member);
    this.removeEntry(member, score);
    return true;
  }

  private removeEntry(member: string, score: number): void {
    const ci = this.chunkFor(score, member);
    const chunk = this.chunks[ci]!;
    const i = SortedSet.lowerBound(chunk, score, member);
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(ci, 1);
  }

  score(member: string): number | undefined {
    return this.scores.get(member);
  }

  /** Entries with rank in [start, stop] (inclusive, already clamped to 0..size-1). */
  range(start: number, stop: number): ZEntry[] {
    const out: ZEntry[] = [];
    if (start > stop) return out;
    let offset = 0;
    for (const chunk of this.chunks) {
      const end = offset + chunk.length;
      if (end > start) {
        const from = Math.max(0, start - offset);
        const to = Math.min(chunk.length - 1, stop - offset);
        for (let i = from; i <= to; i++) out.push(chunk[i]!);
        if (stop < end) break;
      }
      offset = end;
    }
    return out;
  }

  rank(member: string): number | undefined {
    const score = this.scores.get(member);
    if (score === undefined) return undefined;
    return this.countBefore(score, member);
  }

  /** Number of entries ordered before (score, member). */
  private countBefore(score: number, member: string): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      if (!less(chunk[chunk.length - 1]!, score, member)) {
        return offset + SortedSet.lowerBound(chunk, score, member);
      }
      offset += chunk.length;
    }
    return offset;
  }

  /** Rank of the first entry with score >= min (or > min when exclusive). */
  rankOfScore(min: number, exclusive: boolean): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const last = chunk[chunk.length - 1]!;
      if (exclusive ? last.score > min : last.score >= min) {
        let lo = 0,
          hi = chunk.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const s = chunk[mid]!.score;
          if (exclusive ? s <= min : s < min) lo = mid + 1;
          else hi = mid;
        }
        return offset + lo;
      }
      offset += chunk.length;
    }
    return offset;
  }

  /** Rank of the first entry whose member is >= (or >) value in lexicographic order (equal scores). */
  rankOfLex(value: string, exclusive: boolean): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const last = chunk[chunk.length - 1]!;
      if (exclusive ? last.member > value : last.member >= value) {
        let lo = 0,
          hi = chunk.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const m = chunk[mid]!.member;
          if (exclusive ? m <= value : m < value) lo = mid + 1;
          else hi = mid;
        }
        return offset + lo;
      }
      offset += chunk.length;
    }
    return offset;
  }

  first(): ZEntry | undefined {
    return this.chunks[0]?.[0];
  }

  last(): ZEntry | undefined {
    const chunk = this.chunks[this.chunks.length - 1];
    return chunk?.[chunk.length - 1];
  }
}
