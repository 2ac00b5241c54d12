// The resolved scenario the engine runs: every field present (defaults filled by
// harness/scenario/resolve.ts). Times are virtual milliseconds; rates per virtual second.

import type { TreatyParams, VotePolicy } from '../../contract/index.js';

export type ByzantineBehaviour =
  | 'equivocate'
  | 'badSignatures'
  | 'nonMemberVotes'
  | 'doubleVotes'
  | 'withholdVotes'
  | 'forgedTimestamps'
  | 'replay';

export const BYZANTINE_BEHAVIOURS: readonly ByzantineBehaviour[] = [
  'equivocate',
  'badSignatures',
  'nonMemberVotes',
  'doubleVotes',
  'withholdVotes',
  'forgedTimestamps',
  'replay',
];

export interface RateSpec {
  /** Requests per virtual second (open loop: issued on schedule whatever the backlog). */
  readonly ratePerSec: number;
  /** Cap on the number issued in the run. */
  readonly countMax: number;
  readonly startMs: number;
}

export interface WorkloadSpec {
  readonly memberShares: RateSpec;
  readonly nonMemberShares: RateSpec;
  readonly joins: RateSpec;
  /** Votes of honest members; 'allow' unless a fraction rejects. */
  readonly votePolicy: { readonly join: VotePolicy; readonly share: VotePolicy };
  /** Members (drawn per node from the seed) whose policy is to reject everything. */
  readonly rejectingPermille: number;
  /** Label query of share requests (`key=value`, SHARE-001): kind=meter or kind=bid. */
  readonly label: string;
  /** Secondary records each member's sharing API holds (S2 data per node, bounded). */
  readonly recordsPerNode: number;
}

export interface NetworkSpec {
  /** Per-link base latency is fixed per link, uniform in [minMs, maxMs]. */
  readonly latencyMs: { readonly min: number; readonly max: number };
  /** Extra uniform delay per message in [0, jitterMs]. */
  readonly jitterMs: number;
  /** Uplink bandwidth per node; messages to many receivers are serialised on it. */
  readonly bandwidthBytesPerSec: number;
  readonly lossPermille: number;
  /** Each node's clock runs ahead of virtual time by a fixed offset uniform in [0, 2·clockSkewMs]. */
  readonly clockSkewMs: number;
}

export interface PartitionFault {
  readonly kind: 'partition';
  readonly atMs: number;
  readonly healAtMs: number;
  /** Fraction (per-mille) of members cut off into a minority side, lowest member indexes first. */
  readonly minorityPermille: number;
}

export interface CrashFault {
  readonly kind: 'crash';
  /** Member index (founder order) or -1 for a node drawn from the faults stream. */
  readonly node: number;
  readonly atMs: number;
  /** -1 for never. */
  readonly restartAtMs: number;
}

export type Fault = PartitionFault | CrashFault;

export interface ByzantineSpec {
  /** Member indexes (founder order; 0 is the first validator). */
  readonly nodes: readonly number[];
  readonly behaviours: readonly ByzantineBehaviour[];
}

export interface CostModel {
  /** Fixed cost of one handle() call. */
  readonly handleBaseUs: number;
  /** Per signature a received message carries (a real node checks each itself). */
  readonly verifyUs: number;
  readonly signUs: number;
  /** Hashing a received message: fixed part and per KiB. */
  readonly sha256BaseUs: number;
  readonly sha256PerKiBUs: number;
  /** Per KiB of message received (decoding and shape checks). */
  readonly receivePerKiBUs: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Member count at genesis (founders). */
  readonly nodes: number;
  readonly durationMs: number;
  readonly treaty: Partial<TreatyParams>;
  readonly workload: WorkloadSpec;
  readonly network: NetworkSpec;
  readonly faults: readonly Fault[];
  readonly byzantine: readonly ByzantineSpec[];
  readonly costModel: CostModel;
  /** Liveness: a request pending after faults heal must complete within this bound. */
  readonly liveness: { readonly boundMs: number };
  /** Mixed runs: how many members run the --impl implementation (the rest run the reference). */
  readonly mixed: { readonly implNodes: number };
  /** Expect safety violations (byzantine-overload): the run passes when some are found. */
  readonly expectViolations: boolean;
}

/** Defaults calibrated on this machine class (issue 5): 9,400 verifies/s/core, 28,000 signs/s. */
export const DEFAULT_COST_MODEL: CostModel = {
  handleBaseUs: 5,
  verifyUs: 106,
  signUs: 36,
  sha256BaseUs: 1,
  sha256PerKiBUs: 3,
  receivePerKiBUs: 2,
};
