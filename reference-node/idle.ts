// Shared empty values for the state most members never use. On every block each of 10,000
// members checks its pending pool, its own votes, its access log and its buffered messages; as
// one node's private objects those are a dozen cache misses per COMMIT (most of its cost in the
// region scenario), as one shared empty value they stay in cache. A node takes its own value on
// its first write; the shared ones refuse writes, so no node can change another's state.

import type { Hex, Message } from '../contract/index.js';
import type { AccessLogState, Core, MyVote } from './core.js';
import { PendingPool } from './pending.js';

class ReadOnlyMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (Object.isFrozen(this)) throw new TypeError('a shared empty map is read-only');
    return super.set(key, value);
  }
}
const NO_VOTES: ReadonlyMap<Hex, MyVote> = Object.freeze(new ReadOnlyMap<Hex, MyVote>());

const IDLE_ACCESS: AccessLogState = Object.freeze({ unsent: Object.freeze([]) as never[], inFlight: null, timerArmed: false });

export const NO_BUFFERED: { from: Hex; message: Message }[] = Object.freeze([]) as never[];

const emptyPools = new Map<number, PendingPool>();

/** The initial values of a new node's per-role state (all shared, all empty). */
export function idleState(pendingCapacity: number): Pick<Core, 'pending' | 'myVotes' | 'access' | 'buffered'> {
  let pool = emptyPools.get(pendingCapacity);
  if (pool === undefined) {
    pool = PendingPool.readOnlyEmpty(pendingCapacity);
    emptyPools.set(pendingCapacity, pool);
  }
  return { pending: pool, myVotes: NO_VOTES as Map<Hex, MyVote>, access: IDLE_ACCESS, buffered: NO_BUFFERED };
}

export function ownPending(core: Core): PendingPool {
  if (core.pending.readOnly) core.pending = new PendingPool(core.pending.capacity);
  return core.pending;
}

export function ownVotes(core: Core): Map<Hex, MyVote> {
  if (core.myVotes === NO_VOTES) core.myVotes = new Map();
  return core.myVotes;
}

/** Back to the shared empty value once a node's own is empty again. */
export function releaseVotes(core: Core): void {
  if (core.myVotes.size === 0) core.myVotes = NO_VOTES as Map<Hex, MyVote>;
}

export function releaseAccess(core: Core): void {
  const a = core.access;
  if (!a.timerArmed && a.inFlight === null && a.unsent.length === 0) core.access = IDLE_ACCESS;
}

export function ownAccess(core: Core): AccessLogState {
  if (core.access === IDLE_ACCESS) core.access = { unsent: [], inFlight: null, timerArmed: false };
  return core.access;
}

export function ownBuffered(core: Core): { from: Hex; message: Message }[] {
  if (core.buffered === NO_BUFFERED) core.buffered = [];
  return core.buffered;
}
