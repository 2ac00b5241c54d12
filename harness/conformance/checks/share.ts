// SHARE checks: S5 (a member is served directly, the access is recorded and logged to the
// validators in a committed ACCESS_LOG entry) and S6 (a non-member's request is answered
// 'pending', committed, voted on: allowed iff allows ≥ half of the eligible members).

import type { Hex, Message, VotePolicy } from '../../../contract/index.js';
import { makeShareRequest } from '../../../protocol/index.js';
import { CONFORMANCE_ALLIANCE, sharingRecords, type AllianceSpec } from '../fixtures.js';
import type { MiniNet } from '../mini-net.js';
import type { Recorder } from '../recorder.js';
import type { Eventually } from '../vector.js';
import { corrupt, crypto, keysOf, message, rejects, runUntil, startedNet, view, type BuildContext, type CheckDef } from './kit.js';

const MEMBER_FEATURES = ['genesis', 'consensus', 'share-member'];
const ACCESS_FEATURES = ['genesis', 'consensus', 'share-member', 'access-log'];
const NONMEMBER_FEATURES = ['genesis', 'consensus', 'share-nonmember'];
const MODULES = ['communication', 'sharing'] as const;
const LABEL = 'region=north';
/** f2 serves; its fixture holds two region=north records. */
const NORTH_RECORDS = sharingRecords(2).filter((r) => r.labels['region'] === 'north').length;

function shareRequest(net: MiniNet, requester: string, server: string, fields: { label?: string; nonce?: number; createdAtMs?: number; allianceId?: string } = {}): Message {
  const request = makeShareRequest(crypto, keysOf(net, requester), {
    allianceId: fields.allianceId ?? CONFORMANCE_ALLIANCE,
    server: net.keyOf(server),
    label: fields.label ?? LABEL,
    createdAtMs: fields.createdAtMs ?? net.nowMs,
    nonce: fields.nonce ?? 7,
  });
  return { type: 'SHARE_REQUEST', request };
}

/** Started alliance, first block committed at f2, recording marked. */
function ready(ctx: BuildContext, spec: AllianceSpec, underTest: string[]): { net: MiniNet; rec: Recorder } {
  const { net, rec } = startedNet(ctx, spec, underTest);
  runUntil(net, 5_000, 'first commit at f2', () => view(net, 'f2').height >= spec.founders);
  rec.mark();
  return { net, rec };
}

function memberCheck(id: string, title: string, requirements: string[], craft: (net: MiniNet, rec: Recorder) => Eventually[] | void, features = MEMBER_FEATURES): CheckDef {
  return {
    id,
    title,
    requirements,
    modules: MODULES,
    features,
    build(ctx) {
      const { net, rec } = ready(ctx, { founders: 4, outsiders: 1 }, ['f2']);
      const eventually = craft(net, rec) ?? [];
      return rec.build({ id, title, requirements, requires: { modules: MODULES, features }, eventually });
    },
  };
}

const sharePolicies = (share: VotePolicy[]) => (i: number) => ({ join: 'allow' as VotePolicy, share: share[i] ?? 'allow' });

function nonMemberOutcome(id: string, title: string, requirements: string[], founders: number, votes: VotePolicy[], outcome: 'allowed' | 'rejected', allows: number): CheckDef {
  return {
    id,
    title,
    requirements,
    modules: MODULES,
    features: NONMEMBER_FEATURES,
    build(ctx) {
      const { net, rec } = ready(ctx, { founders, outsiders: 1, votePolicy: sharePolicies(votes) }, ['f2', 'o0']);
      const r = net.command('o0', { type: 'requestShare', server: net.keyOf('f2'), label: LABEL, nonce: 1 });
      const sub = r.ok ? r.output.effects.find((e) => e.type === 'requestSubmitted') : undefined;
      if (!sub || sub.type !== 'requestSubmitted') throw new Error('share: requestShare gave no requestSubmitted');
      const requestId: Hex = sub.requestId;
      net.runUntilEffect('o0', (e) => e.type === 'shareAnswered' && e.status !== 'pending', 20_000, 'final share answer');
      const status = outcome === 'allowed' ? 'served' : 'rejected';
      const records = outcome === 'allowed' ? NORTH_RECORDS : 0;
      const decided = { type: 'decided', requestId, requestKind: 'SHARE_REQUEST', outcome, allows, eligible: founders };
      const entry = outcome === 'allowed'
        ? { kind: 'DATA_OPERATION', requestId, requester: net.keyOf('o0'), server: net.keyOf('f2'), label: LABEL, allows, eligible: founders }
        : { kind: 'REJECTION', requestId, requestKind: 'SHARE_REQUEST', allows, eligible: founders };
      const eventually: Eventually[] = [
        { node: 'f2', effects: { includes: [decided, { type: 'committed', block: { entries: { $has: entry } } }] }, note: 'the decision entry is committed' },
        {
          node: 'f2',
          sends: { includes: [{ to: [net.keyOf('o0')], message: { type: 'SHARE_RESPONSE', requestId, status: 'pending', records: [] } }, { to: [net.keyOf('o0')], message: { type: 'SHARE_RESPONSE', requestId, status, records: { $len: records } } }] },
          note: "the server answers 'pending', then the outcome",
        },
        { node: 'o0', effects: { includes: [{ type: 'shareAnswered', requestId, status, records }] } },
      ];
      return rec.build({ id, title, requirements, requires: { modules: MODULES, features: NONMEMBER_FEATURES }, eventually });
    },
  };
}

export const shareChecks: CheckDef[] = [
  memberCheck('SHARE-002/member-served-directly', "a member's request is served directly with the label's records", ['SHARE-001', 'SHARE-002', 'MOD-002'], (net, rec) => {
    rec.inject('f2', message(net, 'f0', shareRequest(net, 'f0', 'f2')), {
      result: 'ok',
      sends: { includes: [{ to: [net.keyOf('f0')], message: { type: 'SHARE_RESPONSE', status: 'served', records: { $len: NORTH_RECORDS } } }], excludes: [{ message: { type: 'SHARE_REQUEST' } }] },
      effects: { includes: [{ type: 'served', requester: net.keyOf('f0'), label: LABEL, records: NORTH_RECORDS }] },
      query: { unsentAccessRecords: 1 },
    }, 'f0 asks f2 for region=north');
  }),
  memberCheck('SHARE-003/access-logged-and-committed', 'every access is recorded and its log batch reaches a committed ACCESS_LOG entry', ['SHARE-003'], (net, rec) => {
    rec.inject('f2', message(net, 'f0', shareRequest(net, 'f0', 'f2')), { result: 'ok' }, 'f0 is served');
    const interval = net.member('f2').spec.config.treaty.accessLogIntervalMs;
    runUntil(net, interval * 4, 'access log committed at f2', () => view(net, 'f2').unsentAccessRecords === 0);
    net.run(net.nowMs + 200);
    rec.observe('f2', { unsentAccessRecords: 0 }, 'nothing left unsent');
    const others = view(net, 'f2').validators.filter((v) => v !== net.keyOf('f2'));
    const record = { requester: net.keyOf('f0'), label: LABEL, records: NORTH_RECORDS };
    const eventually: Eventually[] = [
      { node: 'f2', sends: { includes: [{ to: others, message: { type: 'ACCESS_LOG', batch: { server: net.keyOf('f2'), seq: 1, records: [record] } } }] }, note: 'the batch goes to the validators' },
      { node: 'f2', effects: { includes: [{ type: 'committed', block: { entries: { $has: { kind: 'ACCESS_LOG', batch: { server: net.keyOf('f2'), seq: 1 } } } } }, { type: 'accessLogged', seq: 1, records: 1 }] } },
    ];
    return eventually;
  }, ACCESS_FEATURES),
  memberCheck('SHARE-002/member-request-replayed', 'a member share request served once is answered again, not served twice', ['SHARE-002', 'ERR-005'], (net, rec) => {
    const m = shareRequest(net, 'f0', 'f2');
    rec.inject('f2', message(net, 'f0', m), { result: 'ok', query: { unsentAccessRecords: 1 } }, 'served');
    rec.inject('f2', message(net, 'f0', m), {
      result: 'ok',
      sends: { includes: [{ to: [net.keyOf('f0')], message: { type: 'SHARE_RESPONSE', status: 'served', records: { $len: NORTH_RECORDS } } }] },
      effects: { excludes: [{ type: 'served' }] },
      query: { unsentAccessRecords: 1 },
    }, 'the same request again: the same answer, one access record');
  }),
  memberCheck('SHARE-002/member-request-stale', 'a member share request older than shareRequestTtlMs is stale', ['SHARE-002'], (net, rec) => {
    const ttl = net.member('f2').spec.config.treaty.shareRequestTtlMs;
    rec.inject('f2', message(net, 'f0', shareRequest(net, 'f0', 'f2', { createdAtMs: net.nowMs - ttl - 1 })), rejects('ERR_STALE'), 'created before the TTL');
  }),
  memberCheck('SHARE-002/member-request-wrong-server', 'a member share request naming another server is refused', ['SHARE-002'], (net, rec) => {
    rec.inject('f2', message(net, 'f0', shareRequest(net, 'f0', 'f3')), rejects('ERR_NOT_TARGET'), 'server is f3');
  }),
  memberCheck('SHARE-002/member-request-bad-signature', 'a member share request with a bad signature is refused', ['SHARE-002', 'ERR-006'], (net, rec) => {
    const m = shareRequest(net, 'f0', 'f2');
    if (m.type !== 'SHARE_REQUEST') throw new Error('unreachable');
    rec.inject('f2', message(net, 'f0', { type: 'SHARE_REQUEST', request: { ...m.request, signature: corrupt(m.request.signature) } }), rejects('ERR_BAD_SIGNATURE'), 'corrupted signature');
  }),
  memberCheck('SHARE-004/non-member-answered-pending', "a non-member's request is answered 'pending' and forwarded to the validators, never served at once", ['SHARE-004'], (net, rec) => {
    const others = view(net, 'f2').validators.filter((v) => v !== net.keyOf('f2'));
    rec.inject('f2', message(net, 'o0', shareRequest(net, 'o0', 'f2')), {
      result: 'ok',
      sends: {
        includes: [{ to: [net.keyOf('o0')], message: { type: 'SHARE_RESPONSE', status: 'pending', records: [] } }, { to: others, message: { type: 'SHARE_REQUEST' } }],
        excludes: [{ message: { type: 'SHARE_RESPONSE', status: 'served' } }],
      },
      effects: { excludes: [{ type: 'served' }] },
    }, 'outsider o0 asks f2');
  }, NONMEMBER_FEATURES),
  nonMemberOutcome('SHARE-005/tie-allowed', 'S6: 2 of 4 allows is allowed (allows ≥ half): DATA_OPERATION, then served', ['SHARE-005', 'SHARE-006'], 4, ['allow', 'allow', 'reject', 'reject'], 'allowed', 2),
  nonMemberOutcome('SHARE-005/two-of-five-rejected', 'S6: 2 of 5 allows is rejected: REJECTION, then rejected', ['SHARE-005', 'SHARE-006'], 5, ['allow', 'allow', 'reject', 'reject', 'reject'], 'rejected', 2),
  nonMemberOutcome('SHARE-005/one-of-four-rejected', 'S6: 1 of 4 allows is rejected', ['SHARE-005'], 4, ['allow', 'reject', 'reject', 'reject'], 'rejected', 1),
];
