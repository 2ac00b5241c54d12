// Consensus and chain messages: validate completely, then store and progress (SPEC CHAIN-005,
// CHAIN-009, CHAIN-010, ERR-003). A message from a height ahead triggers catch-up.

import { LIMITS, type Block, type CommitCertificate, type ConsensusStep, type ConsensusVote, type Hex, type Message, type NodeError, type Proposal } from '../contract/index.js';
import { proposalPayload } from '../protocol/index.js';
import { blockError, certificateError, proposerOf } from './block-validate.js';
import { isMember } from './chain-state.js';
import { commitBlock } from './commit.js';
import { progress, type ConsensusHooks } from './consensus.js';
import type { Core, Out } from './core.js';
import { err } from './entries.js';
import { ownBuffered } from './idle.js';

export const hooks: ConsensusHooks = { commit: commitBlock };

/** Heights ahead: buffer the next height's messages, ask the sender for blocks past that. */
function ahead(core: Core, from: Hex, message: Message, height: number, nowMs: number, out: Out): NodeError | null {
  const next = core.consensus.height + 1;
  if (height === next && message.type !== 'COMMIT') {
    if (core.buffered.length >= LIMITS.futureMessagesMax) return err('ERR_LIMIT', 'too many buffered next-height messages');
    ownBuffered(core).push({ from, message });
    return null;
  }
  if (core.catchUpInFlight) return err('ERR_FUTURE_HEIGHT', `height ${height} is ahead of ${core.consensus.height}; catch-up in flight`);
  requestBlocks(core, from, nowMs, out);
  return null;
}

export function requestBlocks(core: Core, from: Hex, nowMs: number, out: Out): void {
  core.catchUpInFlight = true;
  out.to([from], { type: 'BLOCK_REQUEST', fromHeight: core.state.height + 1, maxBlocks: core.treaty.catchUpBatchBlocks });
  out.timer({ kind: 'catchUp', height: core.state.height, round: 0 }, nowMs + core.treaty.catchUpTimeoutMs);
}

function heightError(core: Core, height: number): NodeError | null {
  if (height < core.consensus.height) return err('ERR_STALE', `height ${height} is already committed`);
  if (!core.consensus.active) return err('ERR_NOT_VALIDATOR', `this node is not a validator at height ${core.consensus.height}`);
  return null;
}

function signerError(core: Core, signer: Hex): NodeError | null {
  if (core.consensus.validators.includes(signer)) return null;
  return isMember(core.state, signer)
    ? err('ERR_NOT_VALIDATOR', 'signer is not a validator at this height')
    : err('ERR_NOT_MEMBER', 'consensus message from a non-member');
}

export function onProposal(core: Core, from: Hex, proposal: Proposal, nowMs: number, out: Out): NodeError | null {
  const c = core.consensus;
  if (proposal.height > c.height) return ahead(core, from, { type: 'PROPOSAL', proposal }, proposal.height, nowMs, out);
  const hErr = heightError(core, proposal.height) ?? signerError(core, proposal.proposer);
  if (hErr) return hErr;
  if (proposal.round > c.round + LIMITS.futureRoundsMax) return err('ERR_LIMIT', 'proposal too many rounds ahead');
  const m = core.verifier.mutations;
  if (proposal.proposer !== proposerOf(c.validators, c.height, proposal.round) && !m.skipProposerCheck) {
    return err('ERR_WRONG_PROPOSER', `not the proposer of round ${proposal.round}`);
  }
  const sealed = core.sealer.seal(proposal.block);
  const existing = c.proposals.get(proposal.round);
  if (existing) {
    if (existing.sealed.hash === sealed.hash && m.skipReplayCheck) return null;
    return existing.sealed.hash === sealed.hash
      ? err('ERR_REPLAY', 'proposal already received')
      : err('ERR_EQUIVOCATION', 'a second, different proposal for one round');
  }
  const { block: _b, signature, ...body } = proposal;
  if (!core.verifier.verifyObject(proposal, proposal.proposer, () => proposalPayload(core.treaty.allianceId, body, sealed.hash), signature)) {
    return err('ERR_BAD_SIGNATURE', 'proposal: bad signature');
  }
  const fresh = proposal.polRound === -1;
  if (fresh ? proposal.block.round !== proposal.round : proposal.polRound >= proposal.round || proposal.block.round > proposal.polRound) {
    return err('ERR_BAD_BLOCK', 'block round does not match the proposal round');
  }
  const bErr = blockError(core.state, sealed, core.crypto, core.verifier, fresh ? { nowMs, notAfterMs: nowMs } : { notAfterMs: nowMs });
  if (bErr) return bErr;
  c.proposals.set(proposal.round, { proposal, sealed });
  c.blocks.set(sealed.hash, sealed);
  c.noteSender(proposal.round, proposal.proposer);
  progress(core, c, hooks, nowMs, out);
  return null;
}

export function onConsensusVote(core: Core, from: Hex, step: ConsensusStep, vote: ConsensusVote, nowMs: number, out: Out): NodeError | null {
  const c = core.consensus;
  if (vote.height > c.height) return ahead(core, from, { type: step, vote }, vote.height, nowMs, out);
  const hErr = heightError(core, vote.height) ?? signerError(core, vote.validator);
  if (hErr) return hErr;
  if (vote.round > c.round + LIMITS.futureRoundsMax) return err('ERR_LIMIT', 'vote too many rounds ahead');
  const previous = c.votes[step].get(vote.round)?.get(vote.validator);
  if (previous) {
    if (previous.blockHash === vote.blockHash && core.verifier.mutations.skipReplayCheck) return null;
    return previous.blockHash === vote.blockHash
      ? err('ERR_REPLAY', `${step} already received`)
      : err('ERR_EQUIVOCATION', `a second, different ${step} for one round`);
  }
  if (!core.verifier.consensusVoteObject(step, core.treaty.allianceId, vote)) {
    return err('ERR_BAD_SIGNATURE', `${step}: bad signature`);
  }
  c.addVote(step, vote.round, vote.validator, { blockHash: vote.blockHash, signature: vote.signature });
  c.noteSender(vote.round, vote.validator);
  progress(core, c, hooks, nowMs, out);
  return null;
}

/**
 * A committed block with its certificate, as learned from a COMMIT or a BLOCK_RESPONSE. The verdict
 * is a pure function of (block, certificate, parent), so it is memoised on the certificate object.
 */
function committedError(core: Core, block: Block, certificate: CommitCertificate | null): NodeError | null {
  if (certificate === null) return err('ERR_BAD_CERTIFICATE', 'committed block without certificate');
  const memo = core.memo();
  const known = memo.commits.get(certificate);
  if (known && known.block === block && known.parentHash === core.state.hash) return known.error;
  const sealed = core.sealer.seal(block);
  const error =
    blockError(core.state, sealed, core.crypto, core.verifier, {}) ??
    certificateError(certificate, block.height, sealed.hash, core.state.validators, core.treaty.allianceId, core.verifier);
  memo.commits.set(certificate, { parentHash: core.state.hash, block, error });
  return error;
}

export function onCommit(core: Core, from: Hex, block: Block, certificate: CommitCertificate, nowMs: number, out: Out): NodeError | null {
  if (block.height <= core.state.height) return err('ERR_STALE', `block ${block.height} is already committed`);
  if (block.height > core.state.height + 1) return ahead(core, from, { type: 'COMMIT', block, certificate }, block.height, nowMs, out);
  const problem = committedError(core, block, certificate);
  if (problem) return problem;
  commitBlock(core, core.sealer.seal(block), certificate, nowMs, out);
  return null;
}

export function onBlockRequest(core: Core, from: Hex, fromHeight: number, maxBlocks: number, out: Out): NodeError | null {
  const state = core.state;
  if (fromHeight > state.height) return err('ERR_FUTURE_HEIGHT', `no block at ${fromHeight}; head is ${state.height}`);
  const last = Math.min(state.height, fromHeight + Math.min(maxBlocks, core.treaty.catchUpBatchBlocks) - 1);
  const blocks = [];
  // Within maxMessageBytes too: 64 vote-filled blocks of 1 MiB would be refused as oversized.
  let bytes = 64;
  for (let h = fromHeight; h <= last; h++) {
    const block = state.blocks.get(h);
    if (!block) break;
    const certificate = h < state.genesisCount ? null : h === state.height ? core.headCert : (state.blocks.get(h + 1)?.lastCommit ?? null);
    bytes += core.sealer.seal(block).sizeBytes + 256 + (certificate?.precommits.length ?? 0) * 256;
    if (blocks.length > 0 && bytes > core.treaty.maxMessageBytes) break;
    blocks.push({ block, certificate });
  }
  out.to([from], { type: 'BLOCK_RESPONSE', blocks });
  return null;
}

export function onBlockResponse(core: Core, from: Hex, blocks: readonly { block: Block; certificate: CommitCertificate | null }[], nowMs: number, out: Out): NodeError | null {
  let applied = 0;
  for (const { block, certificate } of blocks) {
    if (block.height <= core.state.height) continue;
    const problem = committedError(core, block, certificate);
    if (problem) {
      if (applied === 0) return problem;
      break;
    }
    commitBlock(core, core.sealer.seal(block), certificate as CommitCertificate, nowMs, out);
    applied++;
  }
  if (applied === 0) return err('ERR_STALE', 'no new block in the response');
  core.catchUpInFlight = false;
  // Every block applied: the sender may hold more (a batch is cut by count or by bytes).
  if (applied === blocks.length) requestBlocks(core, from, nowMs, out);
  return null;
}
