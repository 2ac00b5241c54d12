// A validator's pool of entries waiting for a block (SPEC CHAIN-008), keyed by canonical sort key,
// bounded by the treaty's maxPendingEntries.

import type { Entry } from '../contract/index.js';
import { entrySortKey } from './entries.js';

export class PendingPool {
  private readonly entries = new Map<string, Entry>();
  private sorted: Entry[] | null = null;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(entry: Entry): boolean {
    return this.entries.has(entrySortKey(entry));
  }

  get(entry: Entry): Entry | undefined {
    return this.entries.get(entrySortKey(entry));
  }

  isFull(): boolean {
    return this.entries.size >= this.capacity;
  }

  add(entry: Entry): void {
    this.entries.set(entrySortKey(entry), entry);
    this.sorted = null;
  }

  /** Entries in canonical order. */
  inOrder(): readonly Entry[] {
    if (!this.sorted) {
      this.sorted = [...this.entries.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
    }
    return this.sorted;
  }

  keys(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Keeps only the entries `keep` accepts. */
  retain(keep: (entry: Entry) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!keep(entry)) {
        this.entries.delete(key);
        this.sorted = null;
      }
    }
  }
}
