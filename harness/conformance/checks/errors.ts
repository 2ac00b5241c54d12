// ERR checks on malformed and out-of-place inputs: each gets its typed error code and leaves the
// node's state digest unchanged. Cases are data: (input builder, expected code).

import type { Input, Message } from '../../../contract/index.js';
import { makeAccessLogBatch } from '../../../protocol/index.js';
import { CONFORMANCE_ALLIANCE, type AllianceSpec } from '../fixtures.js';
import type { MiniNet } from '../mini-net.js';
import { crypto, keysOf, message, rejects, runUntil, startedNet, view, voteMessage, type CheckDef } from './kit.js';

const MODULES = ['communication'] as const;
const FEATURES = ['genesis', 'consensus'];

interface ErrCase {
  readonly id: string;
  readonly title: string;
  readonly requirements: string[];
  readonly code: string;
  readonly nut?: string;
  readonly spec?: AllianceSpec;
  readonly features?: string[];
  readonly input: (net: MiniNet) => Input;
}

function errCheck(c: ErrCase): CheckDef {
  const nut = c.nut ?? 'f1';
  const features = c.features ?? FEATURES;
  return {
    id: c.id,
    title: c.title,
    requirements: c.requirements,
    modules: MODULES,
    features,
    build(ctx) {
      const spec = c.spec ?? { founders: 4, outsiders: 1 };
      const { net, rec } = startedNet(ctx, spec, [nut]);
      runUntil(net, 5_000, `first commit at ${nut}`, () => view(net, 'f1').height >= spec.founders);
      rec.mark();
      rec.inject(nut, c.input(net), rejects(c.code), c.title);
      return rec.build({ id: c.id, title: c.title, requirements: c.requirements, requires: { modules: MODULES, features } });
    },
  };
}

/** Messages are plain JSON on the wire, so broken shapes are built as such. */
const raw = (net: MiniNet, from: string, m: unknown): Input => ({ type: 'message', from: net.keyOf(from), message: m as Message });

function accessLog(net: MiniNet, server: string, records: number): Message {
  const rs = Array.from({ length: records }, (_, i) => ({ requestId: i.toString(16).padStart(64, '0'), requester: net.keyOf('f0'), label: 'region=north', atMs: net.nowMs, records: 1 }));
  return { type: 'ACCESS_LOG', batch: makeAccessLogBatch(crypto, keysOf(net, server), CONFORMANCE_ALLIANCE, 1, rs) };
}

export const errorChecks: CheckDef[] = [
  errCheck({ id: 'ERR-001/vote-voter-not-hex', title: 'a vote whose voter is not a 32-byte hex key is malformed', requirements: ['ERR-001', 'ERR-002'], code: 'ERR_MALFORMED', input: (net) => {
    const m = voteMessage(net, 'f2', '66'.repeat(32), true);
    return raw(net, 'f2', m.type === 'VOTE' ? { ...m, vote: { ...m.vote, voter: 'zz' } } : m);
  } }),
  errCheck({ id: 'ERR-001/unknown-message-type', title: 'an unknown message type is malformed', requirements: ['ERR-001'], code: 'ERR_MALFORMED', input: (net) => raw(net, 'f2', { type: 'GOSSIP', payload: 1 }) }),
  errCheck({ id: 'ERR-001/unexpected-field', title: 'a message with an unexpected field is malformed', requirements: ['ERR-001'], code: 'ERR_MALFORMED', input: (net) => raw(net, 'f2', { type: 'BLOCK_REQUEST', fromHeight: 0, maxBlocks: 1, extra: true }) }),
  errCheck({ id: 'ERR-001/input-from-not-a-key', title: "an input whose 'from' is not a public key is malformed", requirements: ['ERR-001'], code: 'ERR_MALFORMED', input: () => ({ type: 'message', from: 'nobody', message: { type: 'BLOCK_REQUEST', fromHeight: 0, maxBlocks: 1 } }) }),
  errCheck({ id: 'ERR-001/timer-malformed', title: 'a timer input without kind/height/round is malformed', requirements: ['ERR-001'], code: 'ERR_MALFORMED', input: () => ({ type: 'timer', timer: { kind: 'nap', height: -1, round: 0 } } as unknown as Input) }),
  errCheck({ id: 'MOD-003/unknown-command', title: 'an unknown command is unsupported', requirements: ['MOD-003', 'ERR-002'], code: 'ERR_UNSUPPORTED', input: () => ({ type: 'command', command: { type: 'dance' } } as unknown as Input) }),
  errCheck({ id: 'ERR-001/message-over-max-bytes', title: 'a message larger than maxMessageBytes is oversized', requirements: ['ERR-001', 'ERR-002'], code: 'ERR_OVERSIZED', spec: { founders: 4, outsiders: 1, treaty: { maxMessageBytes: 8_192 } }, input: (net) => message(net, 'f2', accessLog(net, 'f2', 60)) }),
  errCheck({ id: 'ERR-004/access-log-from-non-member', title: 'an access log signed by a non-member is refused', requirements: ['ERR-004', 'SHARE-003'], code: 'ERR_NOT_MEMBER', input: (net) => message(net, 'o0', accessLog(net, 'o0', 1)) }),
  errCheck({ id: 'SHARE-003/access-log-sequence-gap', title: 'an access log batch skipping a sequence number is refused', requirements: ['SHARE-003', 'CHAIN-003'], code: 'ERR_MALFORMED|ERR_REPLAY', input: (net) => {
    const m = accessLog(net, 'f2', 1);
    if (m.type !== 'ACCESS_LOG') throw new Error('unreachable');
    const records = m.batch.records;
    return message(net, 'f2', { type: 'ACCESS_LOG', batch: makeAccessLogBatch(crypto, keysOf(net, 'f2'), CONFORMANCE_ALLIANCE, 3, records) });
  } }),
  errCheck({ id: 'JOIN-006/decision-for-unknown-request', title: 'a DECISION for a request this node never made is refused', requirements: ['JOIN-006', 'ERR-002'], code: 'ERR_UNKNOWN_REQUEST', input: (net) => message(net, 'f0', { type: 'DECISION', requestId: '77'.repeat(32), outcome: 'allowed', allows: 4, eligible: 4, height: 5, blockHash: '88'.repeat(32) }) }),
  errCheck({ id: 'SHARE-002/unsolicited-share-response', title: 'a SHARE_RESPONSE for a request this node never made is refused', requirements: ['SHARE-002', 'ERR-002'], code: 'ERR_UNKNOWN_REQUEST', input: (net) => message(net, 'f0', { type: 'SHARE_RESPONSE', requestId: '99'.repeat(32), server: net.keyOf('f0'), status: 'served', records: [] }) }),
  errCheck({ id: 'CHAIN-010/block-request-beyond-head', title: 'a BLOCK_REQUEST beyond the head is refused', requirements: ['CHAIN-010', 'ERR-002'], code: 'ERR_FUTURE_HEIGHT', input: (net) => message(net, 'f0', { type: 'BLOCK_REQUEST', fromHeight: 1_000, maxBlocks: 4 }) }),
  errCheck({ id: 'SHARE-001/request-share-from-non-member-server', title: 'requestShare naming a server that is not a member is refused', requirements: ['SHARE-001'], code: 'ERR_NOT_MEMBER', features: ['genesis', 'share-member'], input: (net) => ({ type: 'command', command: { type: 'requestShare', server: net.keyOf('o0'), label: 'region=north', nonce: 1 } }) }),
  errCheck({ id: 'SHARE-001/request-share-label-too-long', title: 'a share label longer than 128 bytes is malformed', requirements: ['SHARE-001', 'ERR-001'], code: 'ERR_MALFORMED', features: ['genesis', 'share-member'], input: (net) => ({ type: 'command', command: { type: 'requestShare', server: net.keyOf('f2'), label: `region=${'x'.repeat(130)}`, nonce: 1 } }) }),
  errCheck({ id: 'JOIN-001/member-apply-to-join', title: 'a member cannot apply to join', requirements: ['JOIN-001'], code: 'ERR_ALREADY_MEMBER', features: ['genesis', 'join'], input: (net) => ({ type: 'command', command: { type: 'applyToJoin', via: [net.keyOf('f0')], createdAtMs: net.nowMs } }) }),
];
