// Requests, votes, access logs and answers (SPEC JOIN-001..003, SHARE-003, ERR-004..006).

import type { AccessLogBatch, Hex, JoinRequest, Message, NodeError, Vote } from '../contract/index.js';
import { joinRequestId } from '../protocol/index.js';
import { isMember } from './chain-state.js';
import { isValidator, otherValidators, type Core, type Out } from './core.js';
import { entryError, err, voteError } from './entries.js';
import { ownPending } from './idle.js';
import { requestBlocks } from './on-consensus.js';

export function onJoinRequest(core: Core, from: Hex, request: JoinRequest, out: Out): NodeError | null {
  if (!isMember(core.state, core.keys.publicKey)) return err('ERR_NOT_MEMBER', 'this node is not a member');
  const { signature: _s, ...body } = request;
  const entry = { kind: 'JOIN_REQUEST' as const, requestId: joinRequestId(core.crypto, body), request };
  const problem = entryError(core.state, entry, { height: core.state.height + 1, applicants: new Set() }, core.crypto, core.verifier, { signatures: true });
  if (problem) return problem;
  const validator = isValidator(core);
  const fromApplicant = from === request.applicant.publicKey;
  if (!validator && !fromApplicant) return err('ERR_NOT_VALIDATOR', 'forwarded join requests go to validators');
  const replay = core.forwarded.has(entry.requestId) || (validator && core.pending.has(entry));
  if (replay && !core.verifier.mutations.skipReplayCheck) return err('ERR_REPLAY', 'join request already received');
  if (validator && core.pending.isFull()) return err('ERR_LIMIT', 'pending pool full');
  if (validator) ownPending(core).add(entry);
  if (fromApplicant) {
    core.forwarded.add(entry.requestId);
    out.to(otherValidators(core), { type: 'JOIN_REQUEST', request });
  }
  return null;
}

export function onVote(core: Core, vote: Vote): NodeError | null {
  if (!isValidator(core)) return err(isMember(core.state, core.keys.publicKey) ? 'ERR_NOT_VALIDATOR' : 'ERR_NOT_MEMBER', 'votes go to the validators');
  const problem = voteError(core.state, vote, core.verifier, { signatures: false });
  if (problem) return problem;
  const entry = { kind: 'VOTE' as const, vote };
  const held = core.pending.get(entry);
  if (held?.kind === 'VOTE' && !(held.vote.allow === vote.allow ? core.verifier.mutations.skipReplayCheck : core.verifier.mutations.countDuplicateVotes)) {
    return held.vote.allow === vote.allow ? err('ERR_REPLAY', 'vote already pending') : err('ERR_DUPLICATE_VOTE', 'a second, different vote of one voter');
  }
  // The rules were checked above; only the signature remains (each of k validators sees the vote).
  if (!core.verifier.verifyVote(vote)) return err('ERR_BAD_SIGNATURE', 'vote: bad signature');
  if (core.pending.isFull()) return err('ERR_LIMIT', 'pending pool full');
  ownPending(core).add(entry);
  return null;
}

export function onAccessLog(core: Core, batch: AccessLogBatch): NodeError | null {
  if (!isValidator(core)) return err(isMember(core.state, core.keys.publicKey) ? 'ERR_NOT_VALIDATOR' : 'ERR_NOT_MEMBER', 'access logs go to the validators');
  const entry = { kind: 'ACCESS_LOG' as const, batch };
  const problem = entryError(core.state, entry, { height: core.state.height + 1, applicants: new Set() }, core.crypto, core.verifier, { signatures: true });
  if (problem) return problem;
  if (core.pending.has(entry)) return err('ERR_REPLAY', 'access log batch already pending');
  if (core.pending.isFull()) return err('ERR_LIMIT', 'pending pool full');
  ownPending(core).add(entry);
  return null;
}

type Decision = Extract<Message, { type: 'DECISION' }>;
type ShareResponse = Extract<Message, { type: 'SHARE_RESPONSE' }>;

export function onDecision(core: Core, from: Hex, m: Decision, nowMs: number, out: Out): NodeError | null {
  const mine = core.outstanding.get(m.requestId);
  if (!mine || mine.kind !== 'JOIN_REQUEST') return err('ERR_UNKNOWN_REQUEST', 'decision for a request this node did not make');
  core.outstanding.delete(m.requestId);
  out.effect({ type: 'decided', requestId: m.requestId, requestKind: 'JOIN_REQUEST', outcome: m.outcome, allows: m.allows, eligible: m.eligible, height: m.height });
  if (m.outcome === 'allowed' && !core.catchUpInFlight) requestBlocks(core, from, nowMs, out);
  return null;
}

export function onShareResponse(core: Core, from: Hex, m: ShareResponse, out: Out): NodeError | null {
  const mine = core.outstanding.get(m.requestId);
  if (!mine || mine.server !== m.server || from !== m.server) return err('ERR_UNKNOWN_REQUEST', 'share response for a request this node did not make');
  if (m.status !== 'pending') core.outstanding.delete(m.requestId);
  out.effect({ type: 'shareAnswered', requestId: m.requestId, status: m.status, records: m.records.length });
  return null;
}
