// Treaty defaults and fixed protocol limits (SPEC.md §2). Units are last in every name.

import type { TreatyParams } from './types.js';

export const TREATY_DEFAULTS: TreatyParams = {
  validatorsMax: 32,
  voteWindowBlocks: 8,
  voteResendBlocks: 3,
  submitProposers: 4,
  joinRule: 'majority',
  maxBlockBytes: 1_048_576,
  maxMessageBytes: 2_162_688,
  maxPendingEntries: 100_000,
  maxAccessRecordsPerBatch: 1_000,
  proposeTimeoutMs: 1_000,
  prevoteTimeoutMs: 500,
  precommitTimeoutMs: 500,
  timeoutDeltaMs: 250,
  commitTimeoutMs: 100,
  clockSkewMs: 500,
  accessLogIntervalMs: 1_000,
  shareRequestTtlMs: 60_000,
  catchUpBatchBlocks: 64,
  catchUpTimeoutMs: 2_000,
};

/** Fixed limits that are not treaty parameters. */
export const LIMITS = {
  publicKeyBytes: 32,
  signatureBytes: 64,
  hashBytes: 32,
  nameBytesMax: 64,
  paramsKeysMax: 16,
  paramBytesMax: 64,
  labelBytesMax: 128,
  allianceIdBytesMax: 64,
  foundersMax: 100_000,
  /** Consensus messages buffered for the next height, per node. */
  futureMessagesMax: 4_096,
  /** Rounds past the current one for which consensus messages are kept. */
  futureRoundsMax: 64,
  shareResponseRecordsMax: 10_000,
  /** Served request ids remembered for replay protection (within shareRequestTtlMs). */
  servedRequestIdsMax: 100_000,
} as const;

/** Inclusive bounds a treaty field must satisfy (SPEC MEMB-001). */
export const TREATY_BOUNDS: { readonly [K in keyof TreatyParams]?: readonly [number, number] } = {
  validatorsMax: [1, 1_000],
  voteWindowBlocks: [1, 1_000],
  voteResendBlocks: [1, 1_000],
  submitProposers: [1, 1_000],
  maxBlockBytes: [4_096, 64 * 1_048_576],
  maxMessageBytes: [8_192, 256 * 1_048_576],
  maxPendingEntries: [1, 10_000_000],
  maxAccessRecordsPerBatch: [1, 100_000],
  proposeTimeoutMs: [1, 600_000],
  prevoteTimeoutMs: [1, 600_000],
  precommitTimeoutMs: [1, 600_000],
  timeoutDeltaMs: [0, 600_000],
  commitTimeoutMs: [0, 600_000],
  clockSkewMs: [0, 3_600_000],
  accessLogIntervalMs: [1, 3_600_000],
  shareRequestTtlMs: [1, 86_400_000],
  catchUpBatchBlocks: [1, 10_000],
  catchUpTimeoutMs: [1, 600_000],
};
