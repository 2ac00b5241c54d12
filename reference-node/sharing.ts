// S5 and S6 sharing (SPEC SHARE-001..005): members are served directly and every access is
// recorded and logged to the validators; non-members' requests go to a vote.

import { LIMITS, type NodeError, type SecondaryRecord, type ShareRequest } from '../contract/index.js';
import { makeAccessLogBatch, shareRequestId, shareRequestPayload } from '../protocol/index.js';
import { isMember } from './chain-state.js';
import { isValidator, otherValidators, submitTargets, type Core, type Out } from './core.js';
import { entryError, err } from './entries.js';
import { ownAccess, ownPending, releaseAccess } from './idle.js';

export function serveRecords(core: Core, label: string): readonly SecondaryRecord[] {
  const records = core.sharing.query(label);
  return records.length > LIMITS.shareResponseRecordsMax ? records.slice(0, LIMITS.shareResponseRecordsMax) : records;
}

export function armAccessLogTimer(core: Core, nowMs: number, out: Out): void {
  const a = core.access;
  if (a.timerArmed || (a.unsent.length === 0 && a.inFlight === null)) return;
  ownAccess(core).timerArmed = true;
  out.timer({ kind: 'accessLog', height: 0, round: 0 }, nowMs + core.treaty.accessLogIntervalMs);
}

/** Every accessLogIntervalMs while records are unsent: (re)send the batch in flight, or cut one. */
export function onAccessLogTimer(core: Core, nowMs: number, out: Out): void {
  const a = ownAccess(core);
  a.timerArmed = false;
  if (!isMember(core.state, core.keys.publicKey)) return;
  if (a.inFlight === null && a.unsent.length > 0) {
    const records = a.unsent.splice(0, core.treaty.maxAccessRecordsPerBatch);
    const seq = (core.state.accessSeq.get(core.keys.publicKey) ?? 0) + 1;
    a.inFlight = makeAccessLogBatch(core.crypto, core.keys, core.treaty.allianceId, seq, records);
  }
  if (a.inFlight !== null) {
    if (isValidator(core) && !core.pending.isFull()) ownPending(core).add({ kind: 'ACCESS_LOG', batch: a.inFlight });
    out.to(submitTargets(core), { type: 'ACCESS_LOG', batch: a.inFlight });
  }
  armAccessLogTimer(core, nowMs, out);
  releaseAccess(core);
}

function pruneServed(core: Core, nowMs: number): void {
  const oldest = nowMs - core.treaty.shareRequestTtlMs;
  for (const [id, createdAtMs] of core.served) {
    if (createdAtMs >= oldest) break; // insertion order ≈ time order; stragglers expire later
    core.served.delete(id);
  }
}

export function armShareRetry(core: Core, nowMs: number, out: Out): void {
  if (core.shareRetryArmed) return;
  core.shareRetryArmed = true;
  out.timer({ kind: 'shareRetry', height: 0, round: 0 }, nowMs + core.treaty.catchUpTimeoutMs);
}

/** Resends unanswered member share requests still within their TTL (SPEC SHARE-002). */
export function onShareRetryTimer(core: Core, nowMs: number, out: Out): void {
  core.shareRetryArmed = false;
  let waiting = false;
  for (const o of core.outstanding.values()) {
    const r = o.request;
    if (r === undefined || nowMs - r.createdAtMs > core.treaty.shareRequestTtlMs) continue;
    out.to([r.server], { type: 'SHARE_REQUEST', request: r });
    waiting = true;
  }
  if (waiting) armShareRetry(core, nowMs, out);
}

/** A SHARE_REQUEST message: serve a member, forward a non-member's request to a vote. */
export function onShareRequest(core: Core, from: string, request: ShareRequest, nowMs: number, out: Out): NodeError | null {
  const self = core.keys.publicKey;
  const state = core.state;
  if (!isMember(state, self)) return err('ERR_NOT_MEMBER', 'this node is not a member and serves no data');
  const { signature: _s, ...body } = request;
  const requestId = shareRequestId(core.crypto, body);
  const requesterIsMember = isMember(state, request.requester);

  if (requesterIsMember) {
    if (request.server !== self) return err('ERR_NOT_TARGET', 'member share request for another server');
    if (request.allianceId !== core.treaty.allianceId) return err('ERR_WRONG_ALLIANCE', 'share request for another alliance');
    if (Math.abs(nowMs - request.createdAtMs) > core.treaty.shareRequestTtlMs) {
      return err('ERR_STALE', `share request created ${request.createdAtMs}, outside ${core.treaty.shareRequestTtlMs} ms of ${nowMs}`);
    }
    if (!core.verifier.verifyObject(request, request.requester, () => shareRequestPayload(body), request.signature)) {
      return err('ERR_BAD_SIGNATURE', 'share request: bad signature');
    }
    if (core.served.has(requestId) && !core.verifier.mutations.skipReplayCheck) {
      // The answer may have been lost: answer again, but the access happened once.
      out.to([request.requester], { type: 'SHARE_RESPONSE', requestId, server: self, status: 'served', records: serveRecords(core, request.label) });
      return null;
    }
    pruneServed(core, nowMs);
    if (core.served.size >= LIMITS.servedRequestIdsMax) return err('ERR_LIMIT', 'too many share requests in the replay window');
    core.served.set(requestId, request.createdAtMs);
    const records = serveRecords(core, request.label);
    out.to([request.requester], { type: 'SHARE_RESPONSE', requestId, server: self, status: 'served', records });
    if (!core.verifier.mutations.skipAccessLog) {
      ownAccess(core).unsent.push({ requestId, requester: request.requester, label: request.label, atMs: nowMs, records: records.length });
    }
    out.effect({ type: 'served', requestId, requester: request.requester, label: request.label, records: records.length, atMs: nowMs });
    armAccessLogTimer(core, nowMs, out);
    return null;
  }

  // S6: a non-member's request is committed and voted on.
  const entry = { kind: 'SHARE_REQUEST' as const, requestId, request };
  const problem = entryError(state, entry, { height: state.height + 1, applicants: new Set() }, core.crypto, core.verifier, { signatures: true });
  if (problem) return problem;
  const validator = isValidator(core);
  const fromRequester = from === request.requester;
  if (request.server !== self && !validator) return err('ERR_NOT_TARGET', 'share request for another server');
  const replay = core.forwarded.has(requestId) || (validator && core.pending.has(entry));
  if (replay && !core.verifier.mutations.skipReplayCheck) return err('ERR_REPLAY', 'share request already received');
  if (validator && core.pending.isFull()) return err('ERR_LIMIT', 'pending pool full');
  if (validator) ownPending(core).add(entry);
  if (request.server === self && fromRequester) {
    core.forwarded.add(requestId);
    out.to(otherValidators(core), { type: 'SHARE_REQUEST', request });
    out.to([request.requester], { type: 'SHARE_RESPONSE', requestId, server: self, status: 'pending', records: [] });
  }
  return null;
}
