// Quorum rules for decisions (SPEC JOIN-004, SHARE-006): pure integer arithmetic.

import type { JoinRule, RequestKind } from '../contract/index.js';

export type Outcome = 'allowed' | 'rejected';

/** Allows needed among `eligible` members for the request to be allowed. */
export function allowThreshold(kind: RequestKind, joinRule: JoinRule, eligible: number): number {
  if (kind === 'SHARE_REQUEST') return Math.ceil(eligible / 2); // S6: allows >= half
  switch (joinRule) {
    case 'majority':
      return Math.floor(eligible / 2) + 1;
    case 'half':
      return Math.ceil(eligible / 2);
    case 'twoThirds':
      return Math.floor((2 * eligible) / 3) + 1;
    case 'unanimous':
      return eligible;
  }
}

/**
 * The outcome once it can no longer change, or null while it still can. A vote that never made it
 * into a block counts as not allowing, so a closed window settles on the allows counted so far.
 */
export function settle(
  threshold: number,
  eligible: number,
  allows: number,
  rejects: number,
  windowClosed: boolean,
): Outcome | null {
  if (allows >= threshold) return 'allowed';
  const undecided = eligible - allows - rejects;
  if (allows + undecided < threshold || windowClosed) return 'rejected';
  return null;
}

/** Byzantine fault tolerance of k validators: f = floor((k-1)/3). */
export function faultTolerance(validators: number): number {
  return Math.floor((validators - 1) / 3);
}

/** Commit quorum of k validators: floor(2k/3)+1 (SPEC CHAIN-006). */
export function commitQuorum(validators: number): number {
  return Math.floor((2 * validators) / 3) + 1;
}
