// A Redis list: O(1) push/pop at both ends (a ring buffer), so LPUSH + RPOP on a queue of
// 20,000 jobs stays linear.

export class Deque {
  private buf: (string | undefined)[] = new Array(8);
  private head = 0;
  length = 0;

  private grow(): void {
    const old = this.buf;
    const next: (string | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }

  pushBack(v: string): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = v;
    this.length++;
  }

  pushFront(v: string): void {
    if (this.length === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = v;
    this.length++;
  }

  popFront(): string | undefined {
    if (this.length === 0) return undefined;
    const v = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return v;
  }

  popBack(): string | undefined {
    if (this.length === 0) return undefined;
    const i = (this.head + this.length - 1) & (this.buf.length - 1);
    const v = this.buf[i];
    this.buf[i] = undefined;
    this.length--;
    return v;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return this.buf[(this.head + index) & (this.buf.length - 1)];
  }

  set(index: number, v: string): void {
    this.buf[(this.head + index) & (this.buf.length - 1)] = v;
  }

  slice(start: number, end: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.length); i++) out.push(this.at(i)!);
    return out;
  }

  /** Replaces the contents (used by LREM / LTRIM / LINSERT, which are O(n) in Redis too). */
  replace(items: string[]): void {
    let cap = 8;
    while (cap < items.length) cap *= 2;
    this.buf = new Array(cap);
    for (let i = 0; i < items.length; i++) this.buf[i] = items[i];
    this.head = 0;
    this.length = items.length;
  }

  /** Removes the element at index by shifting the shorter side: cheap near either end. */
  removeAt(index: number): void {
    if (index < this.length / 2) {
      for (let i = index; i > 0; i--) this.set(i, this.at(i - 1)!);
      this.popFront();
    } else {
      for (let i = index; i < this.length - 1; i++) this.set(i, this.at(i + 1)!);
      this.popBack();
    }
  }
}
