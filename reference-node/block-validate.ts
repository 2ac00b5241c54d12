// Block validity (SPEC CHAIN-003, CHAIN-005, CHAIN-007, CHAIN-008, CHAIN-009): a pure function
// of the block, its parent state and — for a fresh proposal only — the validator's own time.

import type { CommitCertificate, CryptoBackend, Hex, NodeError } from '../contract/index.js';
import { canonicalJson } from '../protocol/index.js';
import type { ChainState } from './chain-state.js';
import { commitQuorum } from './decisions.js';
import { dueDecisions, entryError, entrySortKey, err, type BlockContext } from './entries.js';
import type { Sealed } from './seal.js';
import type { Verifier } from './verify.js';

export function proposerOf(validators: readonly Hex[], height: number, round: number): Hex {
  const k = validators.length;
  const p = validators[(height + round) % k];
  if (p === undefined) throw new Error('empty validator set');
  return p;
}

/** A certificate: exactly quorum precommits, validators in validator order, all signatures valid. */
export function certificateError(
  cert: CommitCertificate,
  height: number,
  hash: Hex,
  validators: readonly Hex[],
  allianceId: string,
  verifier: Verifier,
): NodeError | null {
  if (verifier.mutations.skipCertificateCheck) return null;
  return verifier.certificateVerdict(cert, height, hash, validators, () => certificateProblem(cert, height, hash, validators, allianceId, verifier));
}

function certificateProblem(
  cert: CommitCertificate,
  height: number,
  hash: Hex,
  validators: readonly Hex[],
  allianceId: string,
  verifier: Verifier,
): NodeError | null {
  if (cert.height !== height || cert.blockHash !== hash) {
    return err('ERR_BAD_CERTIFICATE', `certificate is for ${cert.height}/${cert.blockHash.slice(0, 12)}, expected ${height}/${hash.slice(0, 12)}`);
  }
  const quorum = commitQuorum(validators.length);
  if (cert.precommits.length !== quorum) {
    return err('ERR_BAD_CERTIFICATE', `certificate holds ${cert.precommits.length} precommits, expected exactly ${quorum}`);
  }
  let lastIndex = -1;
  for (const pc of cert.precommits) {
    const index = validators.indexOf(pc.validator);
    if (index < 0) return err('ERR_BAD_CERTIFICATE', `precommit from ${pc.validator.slice(0, 16)}…, not a validator at ${height}`);
    if (index <= lastIndex) return err('ERR_BAD_CERTIFICATE', 'precommits not in strictly increasing validator order');
    lastIndex = index;
    if (!verifier.consensusVote('PRECOMMIT', allianceId, height, cert.round, hash, pc.validator, pc.signature)) {
      return err('ERR_BAD_CERTIFICATE', `bad precommit signature of ${pc.validator.slice(0, 16)}…`);
    }
  }
  return null;
}

export interface BlockCheckOptions {
  /** The validator's own time, for a fresh proposal (polRound = -1); absent for committed blocks. */
  readonly nowMs?: number;
  /** For any proposal: the block must not be from the future. */
  readonly notAfterMs?: number;
}

export function blockError(
  state: ChainState,
  sealed: Sealed,
  crypto: CryptoBackend,
  verifier: Verifier,
  opts: BlockCheckOptions,
): NodeError | null {
  const { block } = sealed;
  const treaty = state.treaty;
  if (block.height !== state.height + 1) {
    return err(block.height <= state.height ? 'ERR_STALE' : 'ERR_FUTURE_HEIGHT', `block height ${block.height}, expected ${state.height + 1}`);
  }
  const m = verifier.mutations;
  if (block.prevHash !== state.hash && !m.skipPrevHashCheck) return err('ERR_BAD_PREV_HASH', 'prevHash is not the hash of the parent block');
  const tsErr = m.skipTimestampCheck ? null : timestampError(state, block.timestampMs, opts);
  if (tsErr) return tsErr;
  if (block.proposer !== proposerOf(state.validators, block.height, block.round) && !m.skipProposerCheck) {
    return err('ERR_WRONG_PROPOSER', `block proposer is not the proposer of round ${block.round}`);
  }
  if (sealed.sizeBytes > treaty.maxBlockBytes) return err('ERR_OVERSIZED', `block is ${sealed.sizeBytes} bytes, limit ${treaty.maxBlockBytes}`);
  const firstConsensusHeight = state.genesisCount;
  if (block.height === firstConsensusHeight) {
    if (block.lastCommit !== null) return err('ERR_BAD_CERTIFICATE', 'first block after genesis carries no lastCommit');
  } else {
    if (block.lastCommit === null) return err('ERR_BAD_CERTIFICATE', 'missing certificate of the parent block');
    const certErr = certificateError(block.lastCommit, state.height, state.hash, state.headValidators, treaty.allianceId, verifier);
    if (certErr) return certErr;
  }
  return verifier.entriesVerdict(state, sealed.hash, () => entriesError(state, sealed, crypto, verifier));
}

function timestampError(state: ChainState, timestampMs: number, opts: BlockCheckOptions): NodeError | null {
  const skew = state.treaty.clockSkewMs;
  if (timestampMs <= state.timestampMs) return err('ERR_BAD_TIMESTAMP', 'timestamp not after the parent block');
  if (opts.nowMs !== undefined && Math.abs(timestampMs - opts.nowMs) > skew) {
    return err('ERR_BAD_TIMESTAMP', `timestamp ${timestampMs} is more than ${skew} ms from local time ${opts.nowMs}`);
  }
  if (opts.notAfterMs !== undefined && timestampMs > opts.notAfterMs + skew) return err('ERR_BAD_TIMESTAMP', 'timestamp in the future');
  return null;
}

function entriesError(state: ChainState, sealed: Sealed, crypto: CryptoBackend, verifier: Verifier): NodeError | null {
  const { block } = sealed;
  const due = dueDecisions(state, block.timestampMs, verifier.mutations);
  const entries = block.entries;
  for (let i = 0; i < due.length; i++) {
    const entry = entries[i];
    const expected = due[i];
    if (entry === undefined || canonicalJson(entry) !== canonicalJson(expected)) {
      return err('ERR_BAD_BLOCK', `entry ${i}: expected the due decision ${expected?.kind} for ${'requestId' in (expected ?? {}) ? (expected as { requestId: string }).requestId.slice(0, 12) : ''}`);
    }
  }
  const ctx: BlockContext = { height: block.height, applicants: new Set() };
  let previousKey = '';
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined) continue;
    const key = entrySortKey(entry);
    if (key <= previousKey) return err('ERR_BAD_BLOCK', `entry ${i}: entries not in strictly increasing canonical order`);
    previousKey = key;
    if (i < due.length) continue;
    const problem = entryError(state, entry, ctx, crypto, verifier, { signatures: true });
    if (problem) return { code: problem.code, message: `entry ${i} (${entry.kind}): ${problem.message}` };
    if (entry.kind === 'JOIN_REQUEST') ctx.applicants.add(entry.request.applicant.publicKey);
  }
  return null;
}
