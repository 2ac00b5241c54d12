// Message shape errors name the full key path, wherever a (memoised) block is seen.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Block, Message } from '../../contract/index.js';
import { checkMessageShape, type ShapeCheckers } from '../../reference-node/shape.js';

const hex = (bytes: number, c = 'a'): string => c.repeat(2 * bytes);
const vote = { allianceId: 'x', requestId: hex(32), voter: hex(32), allow: true, signature: hex(64) };
const block = (entries: unknown[]): Block => ({ height: 3, round: 0, prevHash: hex(32), timestampMs: 1, proposer: hex(32), lastCommit: null, entries }) as Block;
const cert = { height: 3, round: 0, blockHash: hex(32), precommits: [{ validator: hex(32), signature: hex(64) }] };
const check = (m: unknown, checkers?: ShapeCheckers): string | null => checkMessageShape(m, 100, 1000, checkers);

test('a well-formed vote and commit pass', () => {
  assert.is(check({ type: 'VOTE', vote }), null);
  assert.is(check({ type: 'COMMIT', block: block([{ kind: 'VOTE', vote }]), certificate: cert }), null);
});

test('problems name their path: field, nested entry, array index, unexpected and inherited names', () => {
  assert.is(check({ type: 'VOTE', vote: { ...vote, signature: 'zz' } }), 'message.vote.signature: expected 64 bytes of lowercase hex');
  assert.is(check({ type: 'VOTE', vote: { ...vote, extra: 1 } }), 'message.vote.extra: unexpected field');
  assert.is(check({ type: 'VOTE', vote: { ...vote, constructor: 1 } }), 'message.vote.constructor: unexpected field');
  assert.is(check({ type: 'VOTE', vote: { ...vote, allow: 'yes' } }), 'message.vote.allow: expected a boolean');
  const bad = block([{ kind: 'VOTE', vote }, { kind: 'VOTE', vote: { ...vote, voter: 'q' } }]);
  assert.is(check({ type: 'COMMIT', block: bad, certificate: cert }), 'message.block.entries[1].vote.voter: expected 32 bytes of lowercase hex');
  assert.is(check({ type: 'COMMIT', block: block([{ kind: 'NOPE' }]), certificate: cert }), 'message.block.entries[0].kind: unknown entry kind "NOPE"');
  assert.is(check({ type: 'COMMIT', block: block([]), certificate: { ...cert, precommits: [{ validator: hex(32), signature: 1 }] } }), 'message.certificate.precommits[0].signature: expected 64 bytes of lowercase hex');
  assert.is(check({ type: 'BLOCK_REQUEST', fromHeight: -1, maxBlocks: 1 }), 'message.fromHeight: expected an integer in [0, 9007199254740991]');
  assert.is(check({ type: 'NOPE' }), 'message.type: unknown message type "NOPE"');
});

test('a block checked once gives its problem at each path it is seen at', () => {
  const checkers: ShapeCheckers = new Map();
  const bad = block([{ kind: 'VOTE', vote: { ...vote, requestId: 'no' } }]);
  const commit: Message = { type: 'COMMIT', block: bad, certificate: cert } as Message;
  assert.is(check(commit, checkers), 'message.block.entries[0].vote.requestId: expected 32 bytes of lowercase hex');
  assert.is(check({ type: 'BLOCK_RESPONSE', blocks: [{ block: block([]), certificate: null }, { block: bad, certificate: cert }] }, checkers), 'message.blocks[1].block.entries[0].vote.requestId: expected 32 bytes of lowercase hex');
  assert.is(check({ type: 'PROPOSAL', proposal: { height: 3, round: 0, polRound: -1, block: bad, proposer: hex(32), signature: hex(64) } }, checkers), 'message.proposal.block.entries[0].vote.requestId: expected 32 bytes of lowercase hex');
});

test('strings: a long multi-byte string is measured in UTF-8 bytes', () => {
  // allianceId allows LIMITS.allianceIdBytesMax bytes; 'é' is 2 bytes in UTF-8.
  const long = 'é'.repeat(200);
  const problem = check({ type: 'VOTE', vote: { ...vote, allianceId: long } });
  assert.ok(problem?.startsWith('message.vote.allianceId: expected a string of at most'), String(problem));
  assert.is(check({ type: 'VOTE', vote: { ...vote, allianceId: 'é'.repeat(10) } }), null);
});

test.run();
