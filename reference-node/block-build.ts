// Deterministic block building (SPEC CHAIN-008): the due decisions, then every valid pending
// entry the proposer holds in canonical order, until the next one would pass maxBlockBytes.

import type { Block, CommitCertificate, CryptoBackend, Entry, Hex } from '../contract/index.js';
import { canonicalJson, utf8Length } from '../protocol/index.js';
import type { Sealer } from './seal.js';
import type { ChainState } from './chain-state.js';
import { dueDecisions, entryError, type BlockContext } from './entries.js';
import type { Verifier } from './verify.js';

export interface BuildInput {
  readonly state: ChainState;
  /** Pending entries, already in canonical order. */
  readonly pending: Iterable<Entry>;
  readonly nowMs: number;
  readonly round: number;
  readonly proposer: Hex;
  readonly lastCommit: CommitCertificate | null;
}

/** `sealer` remembers each packed entry's text, which sealing the block then reuses. */
export function buildBlock(input: BuildInput, crypto: CryptoBackend, verifier: Verifier, sealer: Sealer): Block {
  const { state } = input;
  const timestampMs = Math.max(input.nowMs, state.timestampMs + 1);
  const entries: Entry[] = dueDecisions(state, timestampMs, verifier.mutations);
  const skeleton: Block = {
    height: state.height + 1,
    round: input.round,
    prevHash: state.hash,
    timestampMs,
    proposer: input.proposer,
    lastCommit: input.lastCommit,
    entries: [],
  };
  // Canonical JSON of the block is the skeleton with the entries joined by commas inside "[]".
  let sizeBytes = utf8Length(canonicalJson(skeleton));
  for (const e of entries) sizeBytes += utf8Length(sealer.entryText(e));
  sizeBytes += Math.max(0, entries.length - 1);
  const ctx: BlockContext = { height: skeleton.height, applicants: new Set() };
  for (const entry of input.pending) {
    if (entryError(state, entry, ctx, crypto, verifier, { signatures: false })) continue;
    const added = utf8Length(sealer.entryText(entry)) + (entries.length > 0 ? 1 : 0);
    if (sizeBytes + added > state.treaty.maxBlockBytes) break;
    sizeBytes += added;
    entries.push(entry);
    if (entry.kind === 'JOIN_REQUEST') ctx.applicants.add(entry.request.applicant.publicKey);
  }
  const { height, round, prevHash, proposer, lastCommit } = skeleton;
  // A literal, not a spread: every node reads every block's fields (see chain-state openRequest).
  return { height, round, prevHash, timestampMs, proposer, lastCommit, entries };
}
