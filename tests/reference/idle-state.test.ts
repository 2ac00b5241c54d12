// Members share read-only empty values for the state most of them never use (reference-node/
// idle.ts): a node must get its own on first write, and no node may see another's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NodeEnv, NodeUnderTest } from '../../contract/index.js';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { MemoryStorage } from '../../harness/local/alliance.js';
import { Sfc32 } from '../../harness/local/prng.js';
import { createSimCaches, newCryptoCounts } from '../../harness/sim/crypto.js';
import { createCryptoBackend, deriveKeyPair, makeShareRequest, makeTreaty } from '../../protocol/index.js';
import { idleState } from '../../reference-node/idle.js';
import { PendingPool } from '../../reference-node/pending.js';

const crypto = createCryptoBackend('node');
const keys = [0, 1, 2, 3].map((i) => deriveKeyPair(crypto, 'idle-test', i));
// Founders 0..2; key 3 is an outsider.
const treaty = makeTreaty(crypto, 'a', keys.slice(0, 3).map((k, i) => ({ keys: k, name: `f${i}`, declaredAtMs: i })));

/** Three founders over one shared memo, as the simulator runs honest nodes. */
function founders(): NodeUnderTest[] {
  const caches = createSimCaches(newCryptoCounts()).caches;
  const records = [{ meterId: 'm', hourStartMs: 0, energyWh: 1, completenessPermille: 1000, labels: { r: 'n' } }];
  return keys.slice(0, 3).map((k, i) => {
    const env: NodeEnv = { keys: k, crypto, storage: new MemoryStorage(), rng: new Sfc32(i), sharing: { query: () => records }, caches };
    return referenceFactory.create({ treaty }, env);
  });
}

test('a member share served by one node is logged by that node only (access log state is not shared)', () => {
  const [server, other] = founders();
  const before = other!.digest();
  const request = makeShareRequest(crypto, keys[2]!, { allianceId: 'a', server: keys[0]!.publicKey, label: 'r=n', createdAtMs: 5_000, nonce: 1 });
  const r = server!.handle({ type: 'message', from: keys[2]!.publicKey, message: { type: 'SHARE_REQUEST', request } }, 5_000);
  assert.ok(r.ok);
  assert.is(server!.query().unsentAccessRecords, 1);
  assert.is(other!.query().unsentAccessRecords, 0);
  assert.is(other!.digest(), before);
});

test('a non-member request held by one validator is in its pending pool only', () => {
  const [server, other, third] = founders();
  const before = other!.digest();
  const request = makeShareRequest(crypto, keys[3]!, { allianceId: 'a', server: keys[0]!.publicKey, label: 'r=n', createdAtMs: 5_000, nonce: 1 });
  const r = server!.handle({ type: 'message', from: keys[3]!.publicKey, message: { type: 'SHARE_REQUEST', request } }, 5_000);
  assert.ok(r.ok, JSON.stringify(r));
  assert.is(server!.query().pendingEntries, 1);
  assert.is(other!.query().pendingEntries, 0);
  assert.is(third!.query().pendingEntries, 0);
  assert.is(other!.digest(), before);
  // The second node then takes the forwarded request into a pool of its own.
  const forwarded = r.ok ? r.output.send.find((s) => s.message.type === 'SHARE_REQUEST') : undefined;
  assert.ok(forwarded?.to.includes(keys[1]!.publicKey));
  assert.ok(other!.handle({ type: 'message', from: keys[0]!.publicKey, message: forwarded!.message }, 5_010).ok);
  assert.is(other!.query().pendingEntries, 1);
  assert.is(third!.query().pendingEntries, 0);
});

test('the shared empty values refuse writes', () => {
  const idle = idleState(8);
  assert.throws(() => idle.pending.add({ kind: 'ACCESS_LOG', batch: {} as never }), /read-only/);
  assert.throws(() => idle.myVotes.set('ab', {} as never), /read-only/);
  assert.throws(() => idle.access.unsent.push({} as never), TypeError);
  assert.throws(() => idle.buffered.push({} as never), TypeError);
  assert.throws(() => {
    (idle.access as { timerArmed: boolean }).timerArmed = true;
  }, TypeError);
  assert.is(idle.pending.size, 0);
  assert.equal(idle.pending.inOrder(), []);
  assert.is(PendingPool.readOnlyEmpty(0).isFull(), true, 'a zero-capacity pool is full even when shared');
});

test('over one shared memo, a message or sender seen just before by another node is judged on its own', () => {
  const [a, b, c] = founders();
  const decision = { type: 'DECISION', requestId: 'ab'.repeat(32), outcome: 'allowed', allows: 1, eligible: 1, height: 1, blockHash: 'cd'.repeat(32) } as const;
  const from = keys[1]!.publicKey;
  // Well-formed from a good sender at node a: the same objects at b pass the shape check too.
  for (const n of [a, b]) {
    const r = n!.handle({ type: 'message', from, message: decision }, 1_000);
    assert.ok(!r.ok && r.error.code === 'ERR_UNKNOWN_REQUEST', JSON.stringify(r));
  }
  // A malformed message right after, from the same sender, and the same malformed object twice.
  const bad = { ...decision, height: -1 };
  for (const n of [b, c, c]) {
    const r = n!.handle({ type: 'message', from, message: bad }, 1_000);
    assert.ok(!r.ok && r.error.code === 'ERR_MALFORMED', JSON.stringify(r));
  }
  // No message object at all, as a memo's first message and right after a remembered one.
  const [fresh] = founders();
  for (const n of [fresh, c]) {
    const none = n!.handle({ type: 'message', from, message: null as never }, 1_000);
    assert.ok(!none.ok && none.error.code === 'ERR_MALFORMED', JSON.stringify(none));
  }
  // A sender that is not a key, right after a good one.
  const r = c!.handle({ type: 'message', from: `${from.slice(0, 63)}Z`, message: decision }, 1_000);
  assert.ok(!r.ok && r.error.code === 'ERR_MALFORMED' && /input\.from/.test(r.error.message), JSON.stringify(r));
  // And the good message from the good sender is still judged well-formed afterwards.
  const again = c!.handle({ type: 'message', from, message: decision }, 1_000);
  assert.ok(!again.ok && again.error.code === 'ERR_UNKNOWN_REQUEST', JSON.stringify(again));
});

test.run();
