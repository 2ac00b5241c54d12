// Wire types of the RAA protocol (SPEC.md §3–§5). Plain data only: every value here is
// JSON-serialisable, integers only (no floats in anything hashed or signed), byte strings as
// lowercase hex. Both the reference node and the harness import these; nothing here does I/O.

/** Lowercase hex string. Public keys are 32 bytes (64 hex chars), signatures 64 bytes, hashes 32. */
export type Hex = string;

export const ZERO_HASH: Hex = '0'.repeat(64);

/** A node's self-signed identity (SPEC MEMB-002). */
export interface Identity {
  readonly publicKey: Hex;
  readonly name: string;
  /** Node parameters (region, role, …): at most 16 keys, keys and values at most 64 bytes. */
  readonly params: Readonly<Record<string, string>>;
  readonly declaredAtMs: number;
  /** Ed25519 signature by `publicKey` over the identity's signing payload (SPEC §4). */
  readonly signature: Hex;
}

export type JoinRule = 'majority' | 'half' | 'twoThirds' | 'unanimous';

/** Treaty parameters (SPEC §2): every field, its unit and its default. */
export interface TreatyParams {
  readonly validatorsMax: number;
  readonly voteWindowBlocks: number;
  readonly voteResendBlocks: number;
  /** Votes and access-log batches go to the proposers of this many next heights (SPEC JOIN-003). */
  readonly submitProposers: number;
  readonly joinRule: JoinRule;
  readonly maxBlockBytes: number;
  readonly maxMessageBytes: number;
  readonly maxPendingEntries: number;
  readonly maxAccessRecordsPerBatch: number;
  readonly proposeTimeoutMs: number;
  readonly prevoteTimeoutMs: number;
  readonly precommitTimeoutMs: number;
  readonly timeoutDeltaMs: number;
  readonly commitTimeoutMs: number;
  readonly clockSkewMs: number;
  readonly accessLogIntervalMs: number;
  readonly shareRequestTtlMs: number;
  readonly catchUpBatchBlocks: number;
  readonly catchUpTimeoutMs: number;
}

export interface Treaty extends TreatyParams {
  readonly allianceId: string;
  readonly founders: readonly Identity[];
}

export interface JoinRequest {
  readonly allianceId: string;
  readonly applicant: Identity;
  readonly createdAtMs: number;
  /** By the applicant, over the join request's signing payload. */
  readonly signature: Hex;
}

export interface ShareRequest {
  readonly allianceId: string;
  readonly requester: Hex;
  /** The member whose data is requested. */
  readonly server: Hex;
  /** Label query, `key=value` (SPEC SHARE-001). */
  readonly label: string;
  readonly createdAtMs: number;
  readonly nonce: number;
  readonly signature: Hex;
}

export interface Vote {
  readonly allianceId: string;
  readonly requestId: Hex;
  readonly voter: Hex;
  readonly allow: boolean;
  readonly signature: Hex;
}

export interface AccessRecord {
  readonly requestId: Hex;
  readonly requester: Hex;
  readonly label: string;
  readonly atMs: number;
  readonly records: number;
}

export interface AccessLogBatch {
  readonly allianceId: string;
  readonly server: Hex;
  readonly seq: number;
  readonly records: readonly AccessRecord[];
  readonly signature: Hex;
}

export type RequestKind = 'JOIN_REQUEST' | 'SHARE_REQUEST';

export interface IdentityEntry { readonly kind: 'IDENTITY'; readonly identity: Identity }
export interface JoinRequestEntry { readonly kind: 'JOIN_REQUEST'; readonly requestId: Hex; readonly request: JoinRequest }
export interface ShareRequestEntry { readonly kind: 'SHARE_REQUEST'; readonly requestId: Hex; readonly request: ShareRequest }
export interface VoteEntry { readonly kind: 'VOTE'; readonly vote: Vote }
export interface JoinEntry {
  readonly kind: 'JOIN';
  readonly requestId: Hex;
  readonly identity: Identity;
  readonly allows: number;
  readonly eligible: number;
}
export interface RejectionEntry {
  readonly kind: 'REJECTION';
  readonly requestId: Hex;
  readonly requestKind: RequestKind;
  readonly allows: number;
  readonly eligible: number;
}
export interface AccessLogEntry { readonly kind: 'ACCESS_LOG'; readonly batch: AccessLogBatch }
export interface DataOperationEntry {
  readonly kind: 'DATA_OPERATION';
  readonly requestId: Hex;
  readonly requester: Hex;
  readonly server: Hex;
  readonly label: string;
  readonly allows: number;
  readonly eligible: number;
  /** The carrying block's timestamp. */
  readonly timestampMs: number;
}

export type Entry =
  | IdentityEntry
  | JoinRequestEntry
  | ShareRequestEntry
  | VoteEntry
  | JoinEntry
  | RejectionEntry
  | AccessLogEntry
  | DataOperationEntry;

export type EntryKind = Entry['kind'];

export interface Precommit { readonly validator: Hex; readonly signature: Hex }

/** ⌊2k/3⌋+1 precommits for `blockHash` at (height, round), in validator order (SPEC CHAIN-007). */
export interface CommitCertificate {
  readonly height: number;
  readonly round: number;
  readonly blockHash: Hex;
  readonly precommits: readonly Precommit[];
}

export interface Block {
  readonly height: number;
  readonly round: number;
  readonly prevHash: Hex;
  readonly timestampMs: number;
  readonly proposer: Hex;
  /** Certificate of the parent block; null at genesis heights and at the first consensus height. */
  readonly lastCommit: CommitCertificate | null;
  readonly entries: readonly Entry[];
}

/** A committed block with the certificate that committed it (null for genesis blocks). */
export interface CertifiedBlock {
  readonly block: Block;
  readonly certificate: CommitCertificate | null;
}

export interface Proposal {
  readonly height: number;
  readonly round: number;
  /** Tendermint's validRound: the round whose prevote quorum this value carries, or -1. */
  readonly polRound: number;
  readonly block: Block;
  readonly proposer: Hex;
  readonly signature: Hex;
}

export type ConsensusStep = 'PREVOTE' | 'PRECOMMIT';

export interface ConsensusVote {
  readonly height: number;
  readonly round: number;
  /** null is a vote for nil. */
  readonly blockHash: Hex | null;
  readonly validator: Hex;
  readonly signature: Hex;
}

export type ShareStatus = 'served' | 'pending' | 'rejected';

/** A secondary (hourly, cleaned, labelled) record as the sharing API returns it. */
export interface SecondaryRecord {
  readonly meterId: string;
  readonly hourStartMs: number;
  /** Energy in watt-hours (integer, so records hash canonically). */
  readonly energyWh: number;
  /** Readings present out of those expected in the hour, in per-mille. */
  readonly completenessPermille: number;
  readonly labels: Readonly<Record<string, string>>;
}

export type Message =
  | { readonly type: 'JOIN_REQUEST'; readonly request: JoinRequest }
  | { readonly type: 'SHARE_REQUEST'; readonly request: ShareRequest }
  | {
      readonly type: 'SHARE_RESPONSE';
      readonly requestId: Hex;
      readonly server: Hex;
      readonly status: ShareStatus;
      readonly records: readonly SecondaryRecord[];
    }
  | {
      readonly type: 'DECISION';
      readonly requestId: Hex;
      readonly outcome: 'allowed' | 'rejected';
      readonly allows: number;
      readonly eligible: number;
      readonly height: number;
      readonly blockHash: Hex;
    }
  | { readonly type: 'VOTE'; readonly vote: Vote }
  | { readonly type: 'ACCESS_LOG'; readonly batch: AccessLogBatch }
  | { readonly type: 'PROPOSAL'; readonly proposal: Proposal }
  | { readonly type: 'PREVOTE'; readonly vote: ConsensusVote }
  | { readonly type: 'PRECOMMIT'; readonly vote: ConsensusVote }
  | { readonly type: 'COMMIT'; readonly block: Block; readonly certificate: CommitCertificate }
  | { readonly type: 'BLOCK_REQUEST'; readonly fromHeight: number; readonly maxBlocks: number }
  | { readonly type: 'BLOCK_RESPONSE'; readonly blocks: readonly CertifiedBlock[] };

export type MessageType = Message['type'];
