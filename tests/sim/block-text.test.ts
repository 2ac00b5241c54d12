// The block text the engine sizes a message with is the one the auditor hashes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Block, Hex } from '../../contract/index.js';
import { blockHash, canonicalJson, deriveKeyPair, makeVote } from '../../protocol/index.js';
import { blockHashOf, blockJsonLength, takeBlockText } from '../../harness/sim/block-text.js';
import { ChainAuditor } from '../../harness/sim/audit.js';
import { createSimulatedCryptoBackend } from '../../harness/sim/crypto.js';
import { messageSizeBytes } from '../../harness/sim/message-size.js';
import { ViolationLog } from '../../harness/sim/violations.js';
import { makeTreaty } from '../../protocol/index.js';

const crypto = createSimulatedCryptoBackend();
const keys = [0, 1, 2, 3].map((i) => deriveKeyPair(crypto, 'text', i));

function block(height: number, prevHash: Hex, withVotes = true): Block {
  // Keys out of canonical order and a non-ASCII id: the length is JSON.stringify's all the same.
  const entries = withVotes ? keys.map((k) => ({ vote: makeVote(crypto, k, 'alliance-é', 'ab'.repeat(32), true), kind: 'VOTE' as const })) : [];
  return { height, round: 0, prevHash, timestampMs: 7 + height, proposer: keys[0]?.publicKey as Hex, lastCommit: null, entries };
}

test('blockJsonLength is JSON.stringify length, and the text taken is the canonical JSON, once', () => {
  const b = block(5, 'ff'.repeat(32));
  assert.is(blockJsonLength(b), JSON.stringify(b).length);
  assert.is(messageSizeBytes({ type: 'PROPOSAL', proposal: { height: 5, round: 0, polRound: -1, block: b, proposer: b.proposer, signature: '00'.repeat(64) } }), 300 + JSON.stringify(b).length);
  const text = takeBlockText(b);
  assert.is(text, canonicalJson(b));
  // Taken: a second take encodes afresh (same text), and holds nothing.
  assert.is(takeBlockText(b), canonicalJson(b));
});

test('the auditor flags a block whose hash is wrong even when the engine sized it or the forecast hashed it first', () => {
  const treaty = makeTreaty(crypto, 'text', keys.map((k, i) => ({ keys: k, name: `m${i}`, declaredAtMs: i })), { validatorsMax: 4 });
  const log = new ViolationLog();
  const a = new ChainAuditor(treaty, crypto, log);
  const good = block(4, 'ff'.repeat(32), false);
  blockJsonLength(good);
  a.onCommitted(4, blockHash(crypto, good), good, 'n', 1);
  assert.is(log.count, 0, log.details.map((d) => d.message).join('\n'));
  const next = block(5, blockHash(crypto, good), false);
  blockJsonLength(next);
  assert.is(blockHashOf(next, crypto), blockHash(crypto, next), 'the harness hash is the protocol block hash');
  a.onCommitted(5, 'cd'.repeat(32), next, 'n', 2);
  assert.ok(log.details.some((d) => d.kind === 'block-hash'), log.details.map((d) => d.kind).join(','));
});

test.run();
