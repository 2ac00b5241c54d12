// One bad input per error code (SPEC §8), each built fresh against a node's current state.
// `setup` inputs are valid and accepted first; `input` must then fail with `code`.

import type { ErrorCode, Hex, Input, KeyPair, Message, NodeUnderTest } from '../../contract/index.js';
import {
  createCryptoBackend,
  makeConsensusVote,
  makeIdentity,
  makeJoinRequest,
  makeShareRequest,
  makeVote,
  proposalPayload,
  toHex,
  blockHash,
} from '../../protocol/index.js';
import type { Fixture } from './fixture.js';

const crypto = createCryptoBackend('node');

export interface BadCase {
  readonly name: string;
  readonly code: ErrorCode;
  /** The node the input is aimed at (default: founder 0, a validator). */
  readonly target?: 'validator' | 'fresh';
  readonly setup?: (node: NodeUnderTest, nowMs: number) => Input[];
  readonly input: (node: NodeUnderTest, nowMs: number) => Input;
}

const msg = (from: Hex, message: Message): Input => ({ type: 'message', from, message });
const flip = (hex: string): string => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

export function badCases(fx: Fixture): BadCase[] {
  const [f0, f1, f2, f3, f4] = fx.founders as [KeyPair, KeyPair, KeyPair, KeyPair, KeyPair];
  const id = fx.a.treaty.allianceId;
  const vote = (k: KeyPair, requestId: Hex, allow = true, alliance = id) => msg(k.publicKey, { type: 'VOTE', vote: makeVote(crypto, k, alliance, requestId, allow) });
  const cons = (n: NodeUnderTest) => n.query().consensus;
  const prevote = (k: KeyPair, height: number, round: number, hash: Hex | null = null) =>
    msg(k.publicKey, { type: 'PREVOTE', vote: makeConsensusVote(crypto, k, id, 'PREVOTE', height, round, hash) });
  const first = fx.committed[0]!;
  const commit = (block: typeof first.block, certificate = first.certificate): Input => msg(f0.publicKey, { type: 'COMMIT', block, certificate });
  return [
    { name: 'unknown message type', code: 'ERR_MALFORMED', input: () => msg(f1.publicKey, { type: 'NOPE' } as unknown as Message) },
    { name: 'vote with a bad voter key', code: 'ERR_MALFORMED', input: () => msg(f1.publicKey, { type: 'VOTE', vote: { ...makeVote(crypto, f1, id, fx.openRequestId, true), voter: 'xyz' } }) },
    { name: 'message over maxMessageBytes', code: 'ERR_OVERSIZED', input: () => msg(f1.publicKey, { type: 'BLOCK_RESPONSE', blocks: Array.from({ length: 9_000 }, () => first) }) },
    { name: 'vote signed for another alliance', code: 'ERR_WRONG_ALLIANCE', input: () => vote(f1, fx.openRequestId, true, 'elsewhere') },
    {
      name: 'vote with a flipped signature',
      code: 'ERR_BAD_SIGNATURE',
      input: () => {
        const v = makeVote(crypto, f1, id, fx.openRequestId, true);
        return msg(f1.publicKey, { type: 'VOTE', vote: { ...v, signature: flip(v.signature) } });
      },
    },
    { name: 'the same vote twice', code: 'ERR_REPLAY', setup: () => [vote(f2, fx.openRequestId, true)], input: () => vote(f2, fx.openRequestId, true) },
    { name: 'a second, different vote', code: 'ERR_DUPLICATE_VOTE', setup: () => [vote(f3, fx.openRequestId, true)], input: () => vote(f3, fx.openRequestId, false) },
    { name: 'vote from a non-member', code: 'ERR_NOT_MEMBER', input: () => vote(fx.outsider, fx.openRequestId) },
    { name: 'prevote from a non-member', code: 'ERR_NOT_MEMBER', input: (n) => prevote(fx.outsider, cons(n).height, cons(n).round) },
    {
      name: 'join request from a member',
      code: 'ERR_ALREADY_MEMBER',
      input: (_n, now) => msg(f2.publicKey, { type: 'JOIN_REQUEST', request: makeJoinRequest(crypto, f2, id, makeIdentity(crypto, f2, 'again', {}, now), now) }),
    },
    { name: 'prevote from a member that is not a validator', code: 'ERR_NOT_VALIDATOR', input: (n) => prevote(f4, cons(n).height, cons(n).round) },
    { name: 'vote from a member admitted after the request', code: 'ERR_NOT_ELIGIBLE', input: () => vote(fx.joiner, fx.openRequestId) },
    {
      name: 'member share request for another server',
      code: 'ERR_NOT_TARGET',
      input: (_n, now) => msg(f2.publicKey, { type: 'SHARE_REQUEST', request: makeShareRequest(crypto, f2, { allianceId: id, server: f3.publicKey, label: 'a=b', createdAtMs: now, nonce: 1 }) }),
    },
    { name: 'vote for an unknown request', code: 'ERR_UNKNOWN_REQUEST', input: () => vote(f1, 'ab'.repeat(32)) },
    { name: 'vote for a decided request', code: 'ERR_REQUEST_CLOSED', input: () => vote(f4, fx.decidedRequestId) },
    { name: 'prevote for a committed height', code: 'ERR_STALE', input: (n) => prevote(f1, cons(n).height - 1, 0) },
    {
      name: 'member share request outside its freshness window',
      code: 'ERR_STALE',
      input: (_n, now) =>
        msg(f2.publicKey, { type: 'SHARE_REQUEST', request: makeShareRequest(crypto, f2, { allianceId: id, server: f0.publicKey, label: 'a=b', createdAtMs: now + fx.a.treaty.shareRequestTtlMs + 1, nonce: 2 }) }),
    },
    {
      name: 'a far-ahead height while catch-up is in flight',
      code: 'ERR_FUTURE_HEIGHT',
      setup: (n) => [prevote(f1, cons(n).height + 5, 0)],
      input: (n) => prevote(f2, cons(n).height + 5, 0),
    },
    {
      name: 'proposal from a validator that is not the round proposer',
      code: 'ERR_WRONG_PROPOSER',
      input: (n) => {
        const { height, round } = cons(n);
        const validators = n.query().validators;
        const proposer = validators[(height + round) % validators.length];
        const liar = fx.founders.slice(0, 4).find((k) => k.publicKey !== proposer)!;
        const block = { ...first.block, height, round, proposer: liar.publicKey };
        const body = { height, round, polRound: -1, proposer: liar.publicKey };
        const signature = toHex(crypto.sign(liar.secretKey, proposalPayload(id, body, blockHash(crypto, block))));
        return msg(liar.publicKey, { type: 'PROPOSAL', proposal: { ...body, block, signature } });
      },
    },
    {
      name: 'two different prevotes for one round',
      code: 'ERR_EQUIVOCATION',
      setup: (n) => [prevote(f1, cons(n).height, cons(n).round + 2, null)],
      input: (n) => prevote(f1, cons(n).height, cons(n).round + 2, 'ff'.repeat(32)),
    },
    { name: 'more next-height messages than the buffer holds', code: 'ERR_LIMIT', setup: (n) => Array.from({ length: 4_096 }, (_, i) => prevote(f1, cons(n).height + 1, i % 50)), input: (n) => prevote(f1, cons(n).height + 1, 0) },
    { name: 'unknown command', code: 'ERR_UNSUPPORTED', input: () => ({ type: 'command', command: { type: 'dance' } } as unknown as Input) },
    { name: 'committed block with a wrong prevHash', code: 'ERR_BAD_PREV_HASH', target: 'fresh', input: () => commit({ ...first.block, prevHash: flip(first.block.prevHash) }) },
    { name: 'committed block older than its parent', code: 'ERR_BAD_TIMESTAMP', target: 'fresh', input: () => commit({ ...first.block, timestampMs: 0 }) },
    { name: 'committed block from the wrong proposer', code: 'ERR_WRONG_PROPOSER', target: 'fresh', input: () => commit({ ...first.block, proposer: first.block.proposer === f0.publicKey ? f1.publicKey : f0.publicKey }) },
    { name: 'certificate one precommit short', code: 'ERR_BAD_CERTIFICATE', target: 'fresh', input: () => commit(first.block, { ...first.certificate, precommits: first.certificate.precommits.slice(1) }) },
    {
      name: 'block carrying an IDENTITY entry after genesis',
      code: 'ERR_BAD_BLOCK',
      target: 'fresh',
      input: () => commit({ ...first.block, entries: [...first.block.entries, { kind: 'IDENTITY', identity: fx.a.treaty.founders[0]! }] }),
    },
    { name: 'commit of a genesis height', code: 'ERR_STALE', target: 'fresh', input: () => msg(f0.publicKey, { type: 'COMMIT', block: { ...first.block, height: 1 }, certificate: first.certificate }) },
  ];
}
