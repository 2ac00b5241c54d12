// A validator's pool of entries waiting for a block (SPEC CHAIN-008), keyed by canonical sort key,
// bounded by the treaty's maxPendingEntries.

import type { Entry, Hex } from '../contract/index.js';
import type { ChainState } from './chain-state.js';
import { entrySortKey } from './entries.js';

/** Sort keys of a block's entries, once per block (every validator's pool asks). */
const blockKeys = new WeakMap<readonly Entry[], ReadonlySet<string>>();
function keysOf(entries: readonly Entry[]): ReadonlySet<string> {
  let keys = blockKeys.get(entries);
  if (keys === undefined) {
    keys = new Set(entries.map(entrySortKey));
    blockKeys.set(entries, keys);
  }
  return keys;
}

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

export class PendingPool {
  private readonly entries = new Map<string, Entry>();
  /** Keys of pending votes by request, so a closed request's votes go in one step. */
  private readonly votesOf = new Map<Hex, Set<string>>();
  private sorted: Entry[] | null = null;
  /** A shared empty pool (idle.ts): reads work, add throws. */
  readonly readOnly: boolean = false;

  constructor(readonly capacity: number) {}

  static readOnlyEmpty(capacity: number): PendingPool {
    const pool = new PendingPool(capacity);
    (pool as { readOnly: boolean }).readOnly = true;
    Object.freeze(pool);
    return pool;
  }

  get size(): number {
    return this.entries.size;
  }

  has(entry: Entry): boolean {
    return this.entries.has(entrySortKey(entry));
  }

  /** `key` is the entry's sort key when the caller has it (a vote just received: entrySortKey
   *  would memoise a key for an object that is dropped at once). */
  get(entry: Entry, key = entrySortKey(entry)): Entry | undefined {
    return this.entries.get(key);
  }

  isFull(): boolean {
    return this.entries.size >= this.capacity;
  }

  add(entry: Entry, key = entrySortKey(entry)): void {
    if (this.readOnly) throw new TypeError('a shared empty pending pool is read-only');
    this.entries.set(key, entry);
    if (entry.kind === 'VOTE') {
      let keys = this.votesOf.get(entry.vote.requestId);
      if (!keys) {
        keys = new Set();
        this.votesOf.set(entry.vote.requestId, keys);
      }
      keys.add(key);
    }
    this.sorted = null;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.sorted = null;
    if (entry.kind === 'VOTE') this.votesOf.get(entry.vote.requestId)?.delete(key);
  }

  /**
   * After a block commits, keeps the entries that can still enter a block: drops those the block
   * carried (same key: a counted vote, a committed request, a committed access-log seq) and the
   * votes of requests that closed or settled. An entry becomes invalid in no other way, so this
   * costs the block's size, not the pool's.
   */
  afterCommit(entries: readonly Entry[], state: ChainState): void {
    if (this.entries.size === 0) return;
    if (this.entries.size < entries.length) {
      // A small pool against a big block (most validators hold few of a block's votes).
      const carried = keysOf(entries);
      for (const key of [...this.entries.keys()]) if (carried.has(key)) this.delete(key);
    } else {
      for (const e of entries) if (e.kind === 'VOTE' || e.kind === 'ACCESS_LOG' || e.kind === 'JOIN_REQUEST' || e.kind === 'SHARE_REQUEST') this.delete(entrySortKey(e));
    }
    for (const [requestId, keys] of this.votesOf) {
      const req = state.open.get(requestId);
      if (req !== undefined && req.settled === null && keys.size > 0) continue;
      for (const key of keys) this.delete(key);
      this.votesOf.delete(requestId);
    }
  }

  /** Entries in canonical order. */
  inOrder(): readonly Entry[] {
    if (this.entries.size === 0) return NO_ENTRIES; // and a read-only pool caches nothing
    if (!this.sorted) {
      this.sorted = [...this.entries.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
    }
    return this.sorted;
  }

  keys(): string[] {
    return [...this.entries.keys()].sort();
  }
}
