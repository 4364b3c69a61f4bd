/**
 * A fixed-capacity ring buffer: pushing onto a full ring overwrites the oldest entry. This is what bounds the live
 * cache's history in memory, per target (health spans) and per cluster (Kubernetes changes), whatever happens.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private count = 0;
  /** Entries overwritten since creation. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[(this.head + this.count) % this.capacity] = item;
    if (this.count < this.capacity) this.count++;
    else {
      this.head = (this.head + 1) % this.capacity;
      this.dropped++;
    }
  }

  /** Oldest first. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.count ? this.items[(this.head + i) % this.capacity] : undefined;
  }

  last(): T | undefined {
    return this.at(this.count - 1);
  }

  first(): T | undefined {
    return this.at(0);
  }

  /** Remove the oldest entry. */
  shift(): T | undefined {
    if (!this.count) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return item;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.head + i) % this.capacity] as T);
    return out;
  }
}
