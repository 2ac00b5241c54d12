// The chain auditor on hand-made blocks: each broken rule is reported with its kind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Block, Entry, Hex } from '../../contract/index.js';
import { blockHash, deriveKeyPair, makeTreaty, makeVote } from '../../protocol/index.js';
import { ChainAuditor } from '../../harness/sim/audit.js';
import { createSimulatedCryptoBackend } from '../../harness/sim/crypto.js';
import { ViolationLog } from '../../harness/sim/violations.js';

const crypto = createSimulatedCryptoBackend();
const keys = [0, 1, 2, 3].map((i) => deriveKeyPair(crypto, 'audit', i));
const treaty = makeTreaty(crypto, 'audit', keys.map((k, i) => ({ keys: k, name: `m${i}`, declaredAtMs: i })), { validatorsMax: 4, voteWindowBlocks: 3 });
const members = [...treaty.founders].sort((a, b) => a.declaredAtMs - b.declaredAtMs).map((f) => f.publicKey);
const outsider = deriveKeyPair(crypto, 'audit-outsider', 0);
const REQ = 'ab'.repeat(32);

function chain(entriesByHeight: Entry[][], tamper?: (b: Block, h: number) => Block): ViolationLog {
  const log = new ViolationLog();
  const a = new ChainAuditor(treaty, crypto, log);
  let prev: Hex = 'ff'.repeat(32);
  entriesByHeight.forEach((entries, i) => {
    const height = 4 + i;
    let block: Block = { height, round: 0, prevHash: prev, timestampMs: 100 + i, proposer: members[height % 4] as Hex, lastCommit: null, entries };
    if (tamper) block = tamper(block, height);
    const hash = blockHash(crypto, block);
    a.onCommitted(height, hash, block, 'x', i);
    prev = hash;
  });
  return log;
}

const shareReq: Entry = { kind: 'SHARE_REQUEST', requestId: REQ, request: { allianceId: 'audit', requester: outsider.publicKey, server: members[1] as Hex, label: 'kind=meter', createdAtMs: 1, nonce: 1, signature: '00'.repeat(64) } };
const vote = (i: number, allow: boolean): Entry => ({ kind: 'VOTE', vote: makeVote(crypto, keys[i] as (typeof keys)[number], 'audit', REQ, allow) });
const dataOp = (allows: number, eligible: number): Entry => ({ kind: 'DATA_OPERATION', requestId: REQ, requester: outsider.publicKey, server: members[1] as Hex, label: 'kind=meter', allows, eligible, timestampMs: 1 });
const rejection = (allows: number, eligible: number): Entry => ({ kind: 'REJECTION', requestId: REQ, requestKind: 'SHARE_REQUEST', allows, eligible });

test('an honest S6 decision passes: 2 of 4 allows is allowed (S6 rule)', () => {
  const log = chain([[shareReq], [vote(0, true), vote(1, true)], [dataOp(2, 4)]]);
  assert.is(log.count, 0, log.details.map((d) => d.message).join('\n'));
});

test('a REJECTION with 2 of 4 allows breaks the S6 rule', () => {
  const log = chain([[shareReq], [vote(0, true), vote(1, true)], [rejection(2, 4)]]);
  assert.is(log.byKind.get('decision-rule'), 1);
});

test('a decision whose tally does not match the chain', () => {
  const log = chain([[shareReq], [vote(0, true)], [], [], [dataOp(3, 4)]]);
  assert.ok((log.byKind.get('decision-tally') ?? 0) >= 1);
});

test('a non-member vote and a double vote are reported', () => {
  const nonMember: Entry = { kind: 'VOTE', vote: makeVote(crypto, outsider, 'audit', REQ, true) };
  const log = chain([[shareReq], [nonMember, vote(2, true), vote(2, false)]]);
  assert.is(log.byKind.get('non-member-vote'), 1);
  assert.is(log.byKind.get('double-vote'), 1);
});

test('a decision missing after the vote window is reported', () => {
  const log = chain([[shareReq], [vote(0, false)], [], [], [], []]);
  assert.ok((log.byKind.get('decision-missing') ?? 0) >= 1);
});

test('broken prevHash links, wrong proposer and backward timestamps are reported', () => {
  const log = chain([[], [], []], (b, h) => (h === 5 ? { ...b, prevHash: '00'.repeat(32), proposer: members[0] as Hex, timestampMs: 0 } : b));
  assert.is(log.byKind.get('prev-hash'), 1);
  assert.is(log.byKind.get('proposer'), 1);
  assert.is(log.byKind.get('timestamp'), 1);
});

test('two blocks at one height break agreement', () => {
  const log = new ViolationLog();
  const a = new ChainAuditor(treaty, crypto, log);
  const b1: Block = { height: 4, round: 0, prevHash: 'ff'.repeat(32), timestampMs: 1, proposer: members[0] as Hex, lastCommit: null, entries: [] };
  const b2 = { ...b1, timestampMs: 2 };
  a.onCommitted(4, blockHash(crypto, b1), b1, 'n1', 1);
  a.onCommitted(4, blockHash(crypto, b2), b2, 'n2', 2);
  assert.is(log.byKind.get('agreement'), 1);
});

test.run();
