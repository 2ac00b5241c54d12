// What a node does when a block commits (SPEC CHAIN-009, CHAIN-010, JOIN-003, SHARE-004/008):
// apply it, report effects, vote on new requests, serve decided shares, fan the commit out.

import type { CommitCertificate, Entry, Hex, RequestKind } from '../contract/index.js';
import { signVote } from '../protocol/index.js';
import { applyBlock, type ChainState } from './chain-state.js';
import { Consensus, startRound } from './consensus.js';
import { indexIn, isValidator, submitTargets, type Core, type Out } from './core.js';
import { ownPending, ownVotes, releaseVotes } from './idle.js';
import { rememberState } from './memo.js';
import type { Sealed } from './seal.js';
import { armAccessLogTimer, serveRecords } from './sharing.js';

/** The state after `sealed`, computed once per block hash when the environment shares it. */
export function nextState(core: Core, sealed: Sealed): ChainState {
  const memo = core.memo();
  const known = memo.states.get(sealed.hash);
  if (known && known.height === sealed.block.height && known.treaty === core.treaty) return known;
  const next = applyBlock(core.state, sealed.block, sealed.hash);
  rememberState(memo, sealed.hash, next);
  return next;
}

export function newConsensus(core: Core, nowMs: number, out: Out): Consensus {
  const height = core.state.height + 1;
  const validators = core.state.validators;
  const saved = core.resume;
  if (indexIn(core, validators) < 0 && saved?.height !== height) {
    // A non-validator's round state never changes: the members at one head share one (frozen).
    const memo = core.memo();
    const idle = memo.idleConsensus;
    if (idle !== null && idle.height === height && idle.validators === validators) return idle;
    const c = Object.freeze(new Consensus(height, validators, core.keys.publicKey));
    memo.idleConsensus = c;
    return c;
  }
  const c = new Consensus(height, validators, core.keys.publicKey);
  if (saved && saved.height === c.height) {
    c.minRound = saved.round + 1;
    if (saved.lockedBlock && saved.lockedRound >= 0) {
      c.lockedRound = saved.lockedRound;
      c.lockedBlock = core.sealer.seal(saved.lockedBlock);
      c.validRound = saved.lockedRound;
      c.validBlock = c.lockedBlock;
    }
  }
  if (c.active && core.started) out.timer({ kind: 'commitWait', height: c.height, round: 0 }, nowMs + core.treaty.commitTimeoutMs);
  return c;
}

export function castVote(core: Core, requestId: Hex, allow: boolean, out: Out): void {
  const { vote, payload } = signVote(core.crypto, core.keys, core.treaty.allianceId, requestId, allow);
  core.verifier.rememberVotePayload(vote, payload);
  ownVotes(core).set(requestId, { vote, sentAtHeight: core.state.height });
  if (isValidator(core) && !core.pending.isFull()) ownPending(core).add({ kind: 'VOTE', vote });
  out.to(submitTargets(core), { type: 'VOTE', vote });
  out.effect({ type: 'voted', requestId, allow });
}

function onRequestCommitted(core: Core, requestId: Hex, kind: RequestKind, out: Out): void {
  core.forwarded.delete(requestId);
  const req = core.state.open.get(requestId);
  const index = core.state.memberIndex.get(core.keys.publicKey);
  if (!req || index === undefined || index >= req.eligible) return;
  out.effect({ type: 'voteRequested', requestId, requestKind: kind });
  const policy = kind === 'JOIN_REQUEST' ? core.votePolicy.join : core.votePolicy.share;
  if (policy === 'allow' || policy === 'reject') castVote(core, requestId, policy === 'allow', out);
}

function onEntry(core: Core, prev: ChainState, entry: Entry, sealed: Sealed, nowMs: number, out: Out): void {
  const self = core.keys.publicKey;
  const height = sealed.block.height;
  switch (entry.kind) {
    case 'JOIN':
    case 'REJECTION':
    case 'DATA_OPERATION': {
      const req = prev.open.get(entry.requestId);
      const requestKind: RequestKind = entry.kind === 'REJECTION' ? entry.requestKind : entry.kind === 'JOIN' ? 'JOIN_REQUEST' : 'SHARE_REQUEST';
      const outcome = entry.kind === 'REJECTION' ? 'rejected' : 'allowed';
      out.effect({ type: 'decided', requestId: entry.requestId, requestKind, outcome, allows: entry.allows, eligible: entry.eligible, height });
      core.myVotes.delete(entry.requestId);
      if (entry.kind === 'JOIN' && entry.identity.publicKey === self) {
        // An admitted member takes part from now on: as a validator too, once it is one.
        core.started = true;
        out.effect({ type: 'joined', height });
      }
      const applicant = req?.join?.applicant.publicKey;
      if (applicant && sealed.block.proposer === self) {
        out.to([applicant], { type: 'DECISION', requestId: entry.requestId, outcome, allows: entry.allows, eligible: entry.eligible, height, blockHash: sealed.hash });
      }
      const share = req?.share;
      if (share && share.server === self) {
        const records = outcome === 'allowed' ? serveRecords(core, share.label) : [];
        out.to([share.requester], { type: 'SHARE_RESPONSE', requestId: entry.requestId, server: self, status: outcome === 'allowed' ? 'served' : 'rejected', records });
        if (outcome === 'allowed') {
          out.effect({ type: 'served', requestId: entry.requestId, requester: share.requester, label: share.label, records: records.length, atMs: nowMs });
        }
      }
      break;
    }
    case 'JOIN_REQUEST':
    case 'SHARE_REQUEST':
      onRequestCommitted(core, entry.requestId, entry.kind, out);
      break;
    case 'VOTE':
    case 'ACCESS_LOG':
    case 'IDENTITY':
      break;
  }
}

/** One sender per non-validator member per block: validator j serves members i ≡ j + h (mod k). */
function fanOut(core: Core, sealed: Sealed, cert: CommitCertificate, out: Out): void {
  const validators = core.state.headValidators;
  const j = indexIn(core, validators);
  if (j < 0) return;
  const k = validators.length;
  const memo = core.memo();
  // Keyed by the member list and validator list objects, which stay the same from block to block
  // until someone joins: the k recipient lists are then built once, not per block.
  let fan = memo.fanOut.get(core.state.members);
  if (fan === undefined || fan.validators !== validators) {
    const isValidatorKey = new Set(validators);
    const others = core.state.members.filter((m) => !isValidatorKey.has(m)).toArray();
    fan = { validators, others, lists: new Map() };
    memo.fanOut.set(core.state.members, fan);
  }
  const start = (j + sealed.block.height) % k;
  let to = fan.lists.get(start);
  if (to === undefined) {
    const list: Hex[] = [];
    for (let i = start; i < fan.others.length; i += k) list.push(fan.others[i] as Hex);
    // Frozen: the simulator may then remember the receivers' indices for this array object.
    to = Object.freeze(list);
    fan.lists.set(start, to);
  }
  out.to(to, { type: 'COMMIT', block: sealed.block, certificate: cert });
}

export function commitBlock(core: Core, sealed: Sealed, cert: CommitCertificate, nowMs: number, out: Out): void {
  const prev = core.state;
  core.state = nextState(core, sealed);
  core.headCert = cert;
  out.committed(sealed.committed);
  // Votes and access logs (the bulk of big blocks) concern a node only through its own state.
  for (const entry of core.state.notable) onEntry(core, prev, entry, sealed, nowMs, out);
  const state = core.state;
  const inFlight = core.access.inFlight;
  if (inFlight && (state.accessSeq.get(core.keys.publicKey) ?? 0) >= inFlight.seq) {
    core.access.inFlight = null;
    out.effect({ type: 'accessLogged', server: inFlight.server, seq: inFlight.seq, records: inFlight.records.length });
  }
  core.pending.afterCommit(sealed.block.entries, state);
  if (core.myVotes.size > 0) resendVotes(core, state, out);
  armAccessLogTimer(core, nowMs, out);
  fanOut(core, sealed, cert, out);
  core.consensus = newConsensus(core, nowMs, out);
}

/** Forgets votes that were counted or whose request closed; resends the others now and then. */
function resendVotes(core: Core, state: ChainState, out: Out): void {
  for (const [requestId, mine] of core.myVotes) {
    const req = state.open.get(requestId);
    if (!req || req.settled !== null || req.voters.has(core.keys.publicKey)) {
      core.myVotes.delete(requestId);
    } else if (state.height - mine.sentAtHeight >= core.treaty.voteResendBlocks) {
      mine.sentAtHeight = state.height;
      out.to(submitTargets(core), { type: 'VOTE', vote: mine.vote });
    }
  }
  releaseVotes(core);
}

/** Starts consensus on a node that was idle (after `start`). */
export function startIfIdle(core: Core, nowMs: number, out: Out): void {
  const c = core.consensus;
  if (c.active && c.step === 'wait') startRound(core, c, c.minRound, nowMs, out);
}
