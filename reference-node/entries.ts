// Entry rules: canonical order (SPEC CHAIN-008), due decisions (JOIN-005, SHARE-007) and the
// validity of each entry against the chain state at the start of its block.

import type { CryptoBackend, Entry, EntryKind, Hex, Identity, NodeError } from '../contract/index.js';
import {
  accessLogPayload,
  identityPayload,
  joinRequestId,
  joinRequestPayload,
  shareRequestId,
  shareRequestPayload,
} from '../protocol/index.js';
import { isMember, type ChainState, type OpenRequest } from './chain-state.js';
import { NO_MUTATIONS, type Mutations } from './mutations.js';
import type { Verifier } from './verify.js';

/** Decisions first (they are mandatory), then requests, votes and access logs. */
export const KIND_RANK: Readonly<Record<EntryKind, number>> = {
  JOIN: 0,
  REJECTION: 1,
  DATA_OPERATION: 2,
  JOIN_REQUEST: 3,
  SHARE_REQUEST: 4,
  VOTE: 5,
  ACCESS_LOG: 6,
  IDENTITY: 7,
};

const SEQ_DIGITS = 15;

/** Sort keys by entry object: a block's entries are keyed by every validator's pool. */
const sortKeys = new WeakMap<Entry, string>();

/** Sort key: kind rank, then request id, then key bytes (hex), then sequence number. */
export function entrySortKey(entry: Entry): string {
  let key = sortKeys.get(entry);
  if (key === undefined) {
    key = sortKeyOf(entry);
    sortKeys.set(entry, key);
  }
  return key;
}

function sortKeyOf(entry: Entry): string {
  const rank = KIND_RANK[entry.kind];
  switch (entry.kind) {
    case 'VOTE':
      return `${rank}|${entry.vote.requestId}|${entry.vote.voter}|`;
    case 'ACCESS_LOG':
      return `${rank}||${entry.batch.server}|${String(entry.batch.seq).padStart(SEQ_DIGITS, '0')}`;
    case 'IDENTITY':
      return `${rank}||${entry.identity.publicKey}|`;
    default:
      return `${rank}|${entry.requestId}||`;
  }
}

export function err(code: NodeError['code'], message: string): NodeError {
  return { code, message };
}

/** The decision entries block `height` with timestamp `timestampMs` must carry, in canonical order. */
export function dueDecisions(state: ChainState, timestampMs: number, mutations: Mutations = NO_MUTATIONS): Entry[] {
  const out: Entry[] = [];
  for (const req of state.open.values()) {
    if (req.settled === null) continue;
    if (req.settled === 'rejected' && mutations.omitRejectionEntries) continue;
    out.push(decisionEntry(req, timestampMs));
  }
  return out.sort((a, b) => (entrySortKey(a) < entrySortKey(b) ? -1 : 1));
}

function decisionEntry(req: OpenRequest, timestampMs: number): Entry {
  const counts = { allows: req.allows, eligible: req.eligible };
  if (req.settled === 'rejected') {
    return { kind: 'REJECTION', requestId: req.requestId, requestKind: req.requestKind, ...counts };
  }
  if (req.join) return { kind: 'JOIN', requestId: req.requestId, identity: req.join.applicant, ...counts };
  const share = req.share;
  if (!share) throw new Error(`open request ${req.requestId} has no body`);
  return {
    kind: 'DATA_OPERATION',
    requestId: req.requestId,
    requester: share.requester,
    server: share.server,
    label: share.label,
    ...counts,
    timestampMs,
  };
}

export function identityError(verifier: Verifier, identity: Identity): NodeError | null {
  const { signature, ...body } = identity;
  return verifier.verifyObject(identity, identity.publicKey, () => identityPayload(body), signature)
    ? null
    : err('ERR_BAD_SIGNATURE', `identity of ${identity.publicKey.slice(0, 16)}…: bad self-signature`);
}

/** Per-block bookkeeping so one block cannot carry two claims on the same thing. */
export interface BlockContext {
  readonly height: number;
  readonly applicants: Set<Hex>;
}

export interface EntryCheckOptions {
  /** False when re-checking pending entries whose signatures were verified on arrival. */
  readonly signatures: boolean;
}

/**
 * Validity of a non-decision entry at the start of block `ctx.height`; null when valid.
 * Decisions are checked by comparison with `dueDecisions` instead.
 */
export function entryError(
  state: ChainState,
  entry: Entry,
  ctx: BlockContext,
  crypto: CryptoBackend,
  verifier: Verifier,
  opts: EntryCheckOptions,
): NodeError | null {
  const allianceId = state.treaty.allianceId;
  switch (entry.kind) {
    case 'JOIN_REQUEST': {
      const { request } = entry;
      if (request.allianceId !== allianceId) return err('ERR_WRONG_ALLIANCE', 'join request for another alliance');
      const { signature, ...body } = request;
      if (joinRequestId(crypto, body) !== entry.requestId) return err('ERR_MALFORMED', 'requestId does not match the request');
      const applicant = request.applicant.publicKey;
      if (isMember(state, applicant)) return err('ERR_ALREADY_MEMBER', 'applicant is already a member');
      if (state.seenRequests.has(entry.requestId) && !verifier.mutations.skipReplayCheck) return err('ERR_REPLAY', 'join request already committed');
      if (state.applicants.has(applicant) || ctx.applicants.has(applicant)) {
        return err('ERR_REPLAY', 'applicant already has an open join request');
      }
      if (opts.signatures) {
        const idErr = identityError(verifier, request.applicant);
        if (idErr) return idErr;
        if (!verifier.verifyObject(request, applicant, () => joinRequestPayload(body), signature)) {
          return err('ERR_BAD_SIGNATURE', 'join request: bad signature');
        }
      }
      return null;
    }
    case 'SHARE_REQUEST': {
      const { request } = entry;
      if (request.allianceId !== allianceId) return err('ERR_WRONG_ALLIANCE', 'share request for another alliance');
      const { signature, ...body } = request;
      if (shareRequestId(crypto, body) !== entry.requestId) return err('ERR_MALFORMED', 'requestId does not match the request');
      if (isMember(state, request.requester)) return err('ERR_ALREADY_MEMBER', 'members share directly (S5), not by vote');
      if (!isMember(state, request.server)) return err('ERR_NOT_MEMBER', 'share request names a server that is not a member');
      if (state.seenRequests.has(entry.requestId) && !verifier.mutations.skipReplayCheck) return err('ERR_REPLAY', 'share request already committed');
      if (opts.signatures && !verifier.verifyObject(request, request.requester, () => shareRequestPayload(body), signature)) {
        return err('ERR_BAD_SIGNATURE', 'share request: bad signature');
      }
      return null;
    }
    case 'VOTE':
      return voteError(state, entry.vote, verifier, opts);
    case 'ACCESS_LOG': {
      const { batch } = entry;
      if (batch.allianceId !== allianceId) return err('ERR_WRONG_ALLIANCE', 'access log for another alliance');
      if (!isMember(state, batch.server)) return err('ERR_NOT_MEMBER', 'access log from a non-member');
      const expected = (state.accessSeq.get(batch.server) ?? 0) + 1;
      if (batch.seq < expected) return err('ERR_REPLAY', `access log seq ${batch.seq} already committed`);
      if (batch.seq > expected) return err('ERR_MALFORMED', `access log seq ${batch.seq}, expected ${expected}`);
      if (batch.records.length === 0) return err('ERR_MALFORMED', 'access log with no records');
      if (batch.records.length > state.treaty.maxAccessRecordsPerBatch) return err('ERR_OVERSIZED', 'access log batch too large');
      const { signature, ...body } = batch;
      if (opts.signatures && !verifier.verifyObject(batch, batch.server, () => accessLogPayload(body), signature)) {
        return err('ERR_BAD_SIGNATURE', 'access log: bad signature');
      }
      return null;
    }
    case 'IDENTITY':
      return err('ERR_BAD_BLOCK', 'IDENTITY entries appear only in genesis blocks');
    case 'JOIN':
    case 'REJECTION':
    case 'DATA_OPERATION':
      return err('ERR_BAD_BLOCK', `${entry.kind} entry that is not due`);
  }
}

/** A vote is valid while its request is open and unsettled, from an eligible member, once. */
export function voteError(
  state: ChainState,
  vote: { readonly allianceId: string; readonly requestId: Hex; readonly voter: Hex; readonly allow: boolean; readonly signature: Hex },
  verifier: Verifier,
  opts: EntryCheckOptions,
): NodeError | null {
  if (vote.allianceId !== state.treaty.allianceId) return err('ERR_WRONG_ALLIANCE', 'vote for another alliance');
  const m = verifier.mutations;
  const index = state.memberIndex.get(vote.voter);
  if (index === undefined && !m.skipVoterMembership) return err('ERR_NOT_MEMBER', 'vote from a non-member');
  const req = state.open.get(vote.requestId);
  if (!req) {
    return state.seenRequests.has(vote.requestId)
      ? err('ERR_REQUEST_CLOSED', 'vote for a decided request')
      : err('ERR_UNKNOWN_REQUEST', 'vote for an unknown request');
  }
  if (req.settled !== null) return err('ERR_REQUEST_CLOSED', 'vote for a settled request');
  if (index !== undefined && index >= req.eligible && !m.eligibilityAtHead) {
    return err('ERR_NOT_ELIGIBLE', 'voter joined after the request was committed');
  }
  const previous = req.voters.get(vote.voter);
  if (previous !== undefined && !(previous === vote.allow ? m.skipReplayCheck : m.countDuplicateVotes)) {
    return previous === vote.allow
      ? err('ERR_REPLAY', 'vote already counted')
      : err('ERR_DUPLICATE_VOTE', 'a second, different vote of one voter');
  }
  if (opts.signatures && !verifier.verifyVote(vote)) {
    return err('ERR_BAD_SIGNATURE', 'vote: bad signature');
  }
  return null;
}
