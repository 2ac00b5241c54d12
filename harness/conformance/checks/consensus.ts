// CHAIN and ERR checks on consensus messages: a founder (f1) of a 4-founder alliance holds a
// proposal for its current height; the check hands it one crafted PROPOSAL / PREVOTE / COMMIT,
// valid but for exactly one broken rule, and expects that rule's error with the state unchanged.

import type { Block, Entry, Input, Message, Proposal, Vote } from '../../../contract/index.js';
import { blockHash, joinRequestId, makeIdentity, makeJoinRequest } from '../../../protocol/index.js';
import { CONFORMANCE_ALLIANCE, START_MS } from '../fixtures.js';
import type { MiniNet } from '../mini-net.js';
import type { StepExpectation } from '../vector.js';
import {
  consensusVote,
  corrupt,
  crypto,
  keysOf,
  message,
  nextRoundProposal,
  proposerFor,
  rejects,
  runToProposal,
  signProposal,
  startedNet,
  validatorName,
  view,
  voteMessage,
  type CheckDef,
} from './kit.js';

const NUT = 'f1';
const FOUNDERS = 4;
const FEATURES = ['genesis', 'consensus'];

interface Crafted {
  readonly input: Input;
  readonly expect: StepExpectation;
  readonly note: string;
}

/** A check on f1 holding a proposal at height ≥ F+1; `craft` returns the inputs to inject in order. */
function consensusCheck(id: string, title: string, requirements: string[], craft: (net: MiniNet, held: Proposal) => Crafted[]): CheckDef {
  return {
    id,
    title,
    requirements,
    modules: ['communication'],
    features: FEATURES,
    build(ctx) {
      const { net, rec } = startedNet(ctx, { founders: FOUNDERS, outsiders: 1 }, [NUT]);
      const held = runToProposal(net, NUT, FOUNDERS + 1);
      rec.mark();
      for (const c of craft(net, held)) rec.inject(NUT, c.input, c.expect, c.note);
      return rec.build({ id, title, requirements, requires: { modules: ['communication'], features: FEATURES } });
    },
  };
}

function proposalCase(id: string, title: string, requirements: string[], code: string, tamper: (b: Block, net: MiniNet) => Block): CheckDef {
  return consensusCheck(id, title, requirements, (net, held) => [
    { input: proposalInput(net, nextRoundProposal(net, NUT, held, (b) => tamper(b, net))), expect: code === 'ok' ? { result: 'ok' } : rejects(code), note: title },
  ]);
}

/** A PROPOSAL as delivered by its proposer. */
const proposalInput = (net: MiniNet, proposal: Proposal): Input => message(net, validatorName(net, proposal.proposer), { type: 'PROPOSAL', proposal });

const other = (net: MiniNet, key: string): string => view(net, NUT).validators.find((v) => v !== key)!;

export const consensusChecks: CheckDef[] = [
  proposalCase('CHAIN-005/next-round-proposal-accepted', 'a valid proposal for the next round is accepted', ['CHAIN-005'], 'ok', (b) => b),
  proposalCase('CHAIN-003/bad-prev-hash', 'a block whose prevHash is not the parent hash is refused', ['CHAIN-003', 'ERR-003'], 'ERR_BAD_PREV_HASH', (b) => ({ ...b, prevHash: '11'.repeat(32) })),
  proposalCase('CHAIN-003/timestamp-not-after-parent', 'a block timestamp not after its parent is refused', ['CHAIN-003'], 'ERR_BAD_TIMESTAMP', (b) => ({ ...b, timestampMs: 1 })),
  proposalCase('CHAIN-009/timestamp-beyond-skew', 'a fresh proposal timestamp beyond the clock skew is refused', ['CHAIN-009', 'ERR-003'], 'ERR_BAD_TIMESTAMP', (b, net) => ({
    ...b,
    timestampMs: net.nowMs + net.member(NUT).spec.config.treaty.clockSkewMs + 1_000,
  })),
  proposalCase('CHAIN-005/block-proposer-wrong', "a block naming another validator than the round's proposer is refused", ['CHAIN-003', 'CHAIN-005', 'ERR-003'], 'ERR_WRONG_PROPOSER', (b, net) => ({ ...b, proposer: other(net, b.proposer) })),
  proposalCase('CHAIN-007/missing-certificate', 'a block without its parent certificate is refused', ['CHAIN-007'], 'ERR_BAD_CERTIFICATE', (b) => ({ ...b, lastCommit: null })),
  proposalCase('CHAIN-007/short-certificate', 'a certificate with fewer than ⌊2k/3⌋+1 precommits is refused', ['CHAIN-006', 'CHAIN-007'], 'ERR_BAD_CERTIFICATE', (b) => ({
    ...b,
    lastCommit: b.lastCommit && { ...b.lastCommit, precommits: b.lastCommit.precommits.slice(1) },
  })),
  proposalCase('CHAIN-007/certificate-bad-signature', 'a certificate with a bad precommit signature is refused', ['CHAIN-007'], 'ERR_BAD_CERTIFICATE', (b) => ({
    ...b,
    lastCommit: b.lastCommit && {
      ...b.lastCommit,
      precommits: b.lastCommit.precommits.map((p, i) => (i === 0 ? { ...p, signature: corrupt(p.signature) } : p)),
    },
  })),
  proposalCase('CHAIN-008/undue-decision-entry', 'a block carrying a decision that is not due is refused', ['CHAIN-003', 'CHAIN-008', 'JOIN-005'], 'ERR_BAD_BLOCK', (b) => ({
    ...b,
    entries: [{ kind: 'REJECTION', requestId: '22'.repeat(32), requestKind: 'JOIN_REQUEST', allows: 0, eligible: 4 }, ...b.entries],
  })),
  proposalCase('MEMB-003/identity-entry-after-genesis', 'IDENTITY entries appear only in genesis blocks', ['MEMB-003', 'CHAIN-003'], 'ERR_BAD_BLOCK', (b, net) => ({
    ...b,
    entries: [...b.entries, { kind: 'IDENTITY', identity: net.member('f0').spec.config.treaty.founders[0]! }],
  })),
  proposalCase('JOIN-005/block-vote-unknown-request', 'a block carrying a vote for an unknown request is refused', ['JOIN-005', 'CHAIN-003'], 'ERR_UNKNOWN_REQUEST', (b, net) => {
    return { ...b, entries: [...b.entries, { kind: 'VOTE', vote: unknownRequestVote(net) }] };
  }),
  proposalCase('CHAIN-008/block-with-a-pending-request', 'a block carrying a valid join request entry is accepted', ['CHAIN-008', 'JOIN-001'], 'ok', (b, net) => ({
    ...b,
    entries: [...b.entries, joinRequestEntry(net)],
  })),
  proposalCase('CHAIN-008/block-duplicate-entry', 'a block whose entries are not in strictly increasing canonical order is refused', ['CHAIN-008', 'CHAIN-003'], 'ERR_BAD_BLOCK', (b, net) => ({
    ...b,
    entries: [...b.entries, joinRequestEntry(net), joinRequestEntry(net)],
  })),
  consensusCheck('ERR-003/proposal-wrong-proposer', 'a proposal signed by a validator that is not the round proposer is refused', ['ERR-003', 'CHAIN-005'], (net, held) => {
    const round = view(net, NUT).consensus.round + 1;
    const right = proposerFor(net, NUT, held.height, round);
    const wrongName = net.nameOf(other(net, right.key))!;
    const block = { ...held.block, round, proposer: right.key, timestampMs: net.nowMs };
    return [{ input: message(net, wrongName, { type: 'PROPOSAL', proposal: signProposal(net, wrongName, block) }), expect: rejects('ERR_WRONG_PROPOSER'), note: 'signed by a non-proposer' }];
  }),
  consensusCheck('ERR-006/proposal-bad-signature', 'a proposal with a bad signature is refused', ['ERR-006', 'CHAIN-005'], (net, held) => {
    const p = nextRoundProposal(net, NUT, held);
    return [{ input: proposalInput(net, { ...p, signature: corrupt(p.signature) }), expect: rejects('ERR_BAD_SIGNATURE'), note: 'corrupted signature' }];
  }),
  consensusCheck('ERR-003/proposal-equivocation', 'a second, different proposal for one round is equivocation; the same one again is a replay', ['ERR-003', 'ERR-005'], (net, held) => {
    const first = nextRoundProposal(net, NUT, held);
    const second = nextRoundProposal(net, NUT, held, (b) => ({ ...b, timestampMs: b.timestampMs + 1 }));
    return [
      { input: proposalInput(net, first), expect: { result: 'ok' }, note: 'valid next-round proposal' },
      { input: proposalInput(net, second), expect: rejects('ERR_EQUIVOCATION'), note: 'different block, same round' },
      { input: proposalInput(net, first), expect: rejects('ERR_REPLAY'), note: 'the same proposal again' },
    ];
  }),
  consensusCheck('ERR-004/proposal-from-non-member', 'consensus messages from a non-member are refused', ['ERR-004'], (net, held) => {
    const block = { ...held.block, round: held.round + 1, proposer: net.keyOf('f0'), timestampMs: net.nowMs };
    return [{ input: message(net, 'f0', { type: 'PROPOSAL', proposal: signProposalAsOutsider(net, block) }), expect: rejects('ERR_NOT_MEMBER'), note: 'proposer is an outsider key' }];
  }),
  consensusCheck('ERR-003/stale-proposal', 'a proposal for a committed height is stale', ['ERR-003', 'CHAIN-005'], (net, held) => {
    const block = { ...held.block, height: held.height - 1, round: 0, timestampMs: net.nowMs };
    const p = proposerFor(net, NUT, held.height - 1, 0);
    return [{ input: message(net, p.name, { type: 'PROPOSAL', proposal: signProposal(net, p.name, block) }), expect: rejects('ERR_STALE'), note: 'height already committed' }];
  }),
  consensusCheck('ERR-006/prevote-bad-signature', 'a prevote with a bad signature is refused', ['ERR-006', 'CHAIN-005'], (net, held) => {
    const m = consensusVote(net, 'f3', 'PREVOTE', held.height, held.round + 1, blockHash(crypto, held.block));
    if (m.type !== 'PREVOTE') throw new Error('unreachable');
    return [{ input: message(net, 'f3', { ...m, vote: { ...m.vote, signature: corrupt(m.vote.signature) } }), expect: rejects('ERR_BAD_SIGNATURE'), note: 'corrupted signature' }];
  }),
  consensusCheck('ERR-004/prevote-from-non-member', 'a prevote signed by a non-member is refused', ['ERR-004', 'CHAIN-004'], (net, held) => {
    const m = outsiderPrevote(net, held);
    return [{ input: message(net, 'f3', m), expect: rejects('ERR_NOT_MEMBER'), note: 'signer is not a member' }];
  }),
  consensusCheck('ERR-003/prevote-equivocation', 'two different prevotes of one validator for one round: equivocation; the same again: replay', ['ERR-003', 'ERR-005'], (net, held) => {
    const round = held.round + 1;
    const a = consensusVote(net, 'f3', 'PREVOTE', held.height, round, blockHash(crypto, held.block));
    const b = consensusVote(net, 'f3', 'PREVOTE', held.height, round, null);
    return [
      { input: message(net, 'f3', a), expect: { result: 'ok' }, note: 'prevote for the block' },
      { input: message(net, 'f3', b), expect: rejects('ERR_EQUIVOCATION'), note: 'prevote for nil, same round' },
      { input: message(net, 'f3', a), expect: rejects('ERR_REPLAY'), note: 'the first prevote again' },
    ];
  }),
  consensusCheck('ERR-003/precommit-stale-height', 'a precommit for a committed height is stale', ['ERR-003', 'CHAIN-005'], (net, held) => [
    { input: message(net, 'f3', consensusVote(net, 'f3', 'PRECOMMIT', held.height - 1, 0, held.block.prevHash)), expect: rejects('ERR_STALE'), note: 'old height' },
  ]),
  consensusCheck('CHAIN-007/commit-bad-certificate', 'a COMMIT whose certificate does not hold a quorum of valid precommits is refused', ['CHAIN-007', 'CHAIN-010'], (net, held) => {
    const hash = blockHash(crypto, held.block);
    const pcs = ['f0', 'f2', 'f3'].map((n) => consensusVote(net, n, 'PRECOMMIT', held.height, held.round, hash));
    const precommits = pcs.map((m) => (m.type === 'PRECOMMIT' ? { validator: m.vote.validator, signature: m.vote.signature } : undefined)).filter((p) => p !== undefined);
    const ordered = view(net, NUT).validators.flatMap((v) => precommits.filter((p) => p.validator === v));
    const certificate = { height: held.height, round: held.round, blockHash: hash, precommits: ordered.map((p, i) => (i === 1 ? { ...p, signature: corrupt(p.signature) } : p)) };
    return [{ input: message(net, 'f0', { type: 'COMMIT', block: held.block, certificate }), expect: rejects('ERR_BAD_CERTIFICATE'), note: 'one precommit signature corrupted' }];
  }),
];

function signProposalAsOutsider(net: MiniNet, block: Block): Proposal {
  // An outsider key claims the proposer role: not a member, so not a validator.
  return signProposal(net, 'o0', { ...block, proposer: net.keyOf('o0') });
}

function outsiderPrevote(net: MiniNet, held: Proposal): Message {
  return consensusVote(net, 'o0', 'PREVOTE', held.height, held.round, blockHash(crypto, held.block));
}

/** A valid JOIN_REQUEST entry of outsider o0 (deterministic: created at the start time). */
function joinRequestEntry(net: MiniNet): Entry {
  const keys = keysOf(net, 'o0');
  const identity = makeIdentity(crypto, keys, 'outsider-0', { region: 'east' }, START_MS);
  const request = makeJoinRequest(crypto, keys, CONFORMANCE_ALLIANCE, identity, START_MS);
  const { signature: _s, ...body } = request;
  return { kind: 'JOIN_REQUEST', requestId: joinRequestId(crypto, body), request };
}

/** A well-signed vote of founder f0 for a request no block ever carried. */
function unknownRequestVote(net: MiniNet): Vote {
  const m = voteMessage(net, 'f0', '33'.repeat(32), true);
  if (m.type !== 'VOTE') throw new Error('unreachable');
  return m.vote;
}
