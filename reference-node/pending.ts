// A validator's pool of entries waiting for a block (SPEC CHAIN-008), bounded by the treaty's
// maxPendingEntries, read in canonical sort-key order. Votes, the bulk, are held by request and
// voter rather than by their 140-character sort key: the region run looked a vote up, added it
// and dropped it with ~1 µs of string building and hashing each time, ~8% of its main thread.

import type { Entry, Hex } from '../contract/index.js';
import type { ChainState } from './chain-state.js';
import { entrySortKey } from './entries.js';

type VoteEntry = Extract<Entry, { kind: 'VOTE' }>;

/** A block's entries indexed like a pool, once per block (every validator's pool asks). */
interface BlockIndex {
  readonly votes: ReadonlyMap<Hex, ReadonlySet<Hex>>;
  readonly others: ReadonlySet<string>;
}
const blockIndexes = new WeakMap<readonly Entry[], BlockIndex>();
function indexOf(entries: readonly Entry[]): BlockIndex {
  let index = blockIndexes.get(entries);
  if (index === undefined) {
    const votes = new Map<Hex, Set<Hex>>();
    const others = new Set<string>();
    for (const e of entries) {
      if (e.kind === 'VOTE') {
        let voters = votes.get(e.vote.requestId);
        if (voters === undefined) votes.set(e.vote.requestId, (voters = new Set()));
        voters.add(e.vote.voter);
      } else if (e.kind === 'ACCESS_LOG' || e.kind === 'JOIN_REQUEST' || e.kind === 'SHARE_REQUEST') {
        others.add(entrySortKey(e));
      }
    }
    index = { votes, others };
    blockIndexes.set(entries, index);
  }
  return index;
}

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

export class PendingPool {
  /** Votes by request id, then voter: one per (request, voter), as their sort key implies. */
  private readonly votes = new Map<Hex, Map<Hex, VoteEntry>>();
  /** Other entries by sort key. */
  private readonly others = new Map<string, Entry>();
  private count = 0;
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
    return this.count;
  }

  has(entry: Entry): boolean {
    return this.get(entry) !== undefined;
  }

  /** The entry held under `entry`'s sort key (for a vote: the same request and voter). */
  get(entry: Entry): Entry | undefined {
    if (entry.kind === 'VOTE') return this.votes.get(entry.vote.requestId)?.get(entry.vote.voter);
    return this.others.get(entrySortKey(entry));
  }

  isFull(): boolean {
    return this.count >= this.capacity;
  }

  /** Adds `entry`, replacing one held under its sort key. */
  add(entry: Entry): void {
    if (this.readOnly) throw new TypeError('a shared empty pending pool is read-only');
    if (entry.kind === 'VOTE') {
      let byVoter = this.votes.get(entry.vote.requestId);
      if (byVoter === undefined) this.votes.set(entry.vote.requestId, (byVoter = new Map()));
      if (!byVoter.has(entry.vote.voter)) this.count += 1;
      byVoter.set(entry.vote.voter, entry);
    } else {
      const key = entrySortKey(entry);
      if (!this.others.has(key)) this.count += 1;
      this.others.set(key, entry);
    }
    this.sorted = null;
  }

  private dropVote(byVoter: Map<Hex, VoteEntry>, voter: Hex): void {
    if (byVoter.delete(voter)) {
      this.count -= 1;
      this.sorted = null;
    }
  }

  private dropOther(key: string): void {
    if (this.others.delete(key)) {
      this.count -= 1;
      this.sorted = null;
    }
  }

  /**
   * After a block commits, keeps the entries that can still enter a block: drops those the block
   * carried (same sort key: a counted vote, a committed request, a committed access-log seq) and
   * the votes of requests that closed or settled. An entry becomes invalid in no other way, so
   * this costs the smaller of the block and the pool, not both.
   */
  afterCommit(entries: readonly Entry[], state: ChainState): void {
    if (this.count === 0) return;
    if (this.count < entries.length) {
      // A small pool against a big block (most validators hold few of a block's votes).
      const carried = indexOf(entries);
      for (const [requestId, byVoter] of this.votes) {
        const voters = carried.votes.get(requestId);
        if (voters !== undefined) for (const voter of [...byVoter.keys()]) if (voters.has(voter)) this.dropVote(byVoter, voter);
      }
      for (const key of [...this.others.keys()]) if (carried.others.has(key)) this.dropOther(key);
    } else {
      for (const e of entries) {
        if (e.kind === 'VOTE') {
          const byVoter = this.votes.get(e.vote.requestId);
          if (byVoter !== undefined) this.dropVote(byVoter, e.vote.voter);
        } else if (e.kind === 'ACCESS_LOG' || e.kind === 'JOIN_REQUEST' || e.kind === 'SHARE_REQUEST') {
          this.dropOther(entrySortKey(e));
        }
      }
    }
    for (const [requestId, byVoter] of this.votes) {
      const req = state.open.get(requestId);
      if (req !== undefined && req.settled === null && byVoter.size > 0) continue;
      this.count -= byVoter.size;
      this.votes.delete(requestId);
      this.sorted = null;
    }
  }

  /** Entries in canonical order. */
  inOrder(): readonly Entry[] {
    if (this.count === 0) return NO_ENTRIES; // and a read-only pool caches nothing
    if (!this.sorted) {
      const keyed: [string, Entry][] = [];
      for (const [key, e] of this.others) keyed.push([key, e]);
      for (const byVoter of this.votes.values()) for (const e of byVoter.values()) keyed.push([entrySortKey(e), e]);
      this.sorted = keyed.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
    }
    return this.sorted;
  }

  keys(): string[] {
    return this.inOrder().map(entrySortKey);
  }
}
