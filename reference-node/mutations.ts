// Rule switches for the conformance self-test (SPEC §6 of the design: the suite proves itself by
// failing deliberately broken nodes). The reference node runs with none of them; each one turns
// off exactly one rule inside the node, so a mutant is a real implementation with one defect.

export interface Mutations {
  /** Count votes from non-members (ERR-004). */
  readonly skipVoterMembership?: boolean;
  /** Count a voter's second, different vote (ERR-005). */
  readonly countDuplicateVotes?: boolean;
  /** Accept replayed requests, votes, consensus messages and served share requests (ERR-005). */
  readonly skipReplayCheck?: boolean;
  /** Accept a block whose prevHash is not the parent's hash (CHAIN-003). */
  readonly skipPrevHashCheck?: boolean;
  /** Accept proposals and blocks from a validator that is not the round's proposer (CHAIN-005). */
  readonly skipProposerCheck?: boolean;
  /** Check voter eligibility against the members at the head, not at the request (JOIN-002). */
  readonly eligibilityAtHead?: boolean;
  /** Accept blocks without checking commit certificates (CHAIN-007). */
  readonly skipCertificateCheck?: boolean;
  /** Accept any block timestamp (CHAIN-009). */
  readonly skipTimestampCheck?: boolean;
  /** Serve members without recording the access (SHARE-003). */
  readonly skipAccessLog?: boolean;
  /** Never put REJECTION entries into blocks (JOIN-005, SHARE-006). */
  readonly omitRejectionEntries?: boolean;
}

export const NO_MUTATIONS: Mutations = Object.freeze({});
