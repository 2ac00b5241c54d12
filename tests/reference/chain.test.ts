// MEMB-001/002 (treaty and identity checks), MEMB-004, CHAIN-004 (validator set), CHAIN-008
// (canonical entry order), CHAIN-009 (timestamps), MOD-001/MOD-002 (capabilities).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Entry, NodeEnv } from '../../contract/index.js';
import { REFERENCE_CAPABILITIES, referenceFactory, TreatyError } from '../../harness/adapters/reference.js';
import { MemoryStorage } from '../../harness/local/alliance.js';
import { Sfc32 } from '../../harness/local/prng.js';
import { runTour } from '../../harness/local/tour.js';
import { blockHash, createCryptoBackend, deriveKeyPair, makeTreaty, proposalPayload, toHex } from '../../protocol/index.js';
import { buildFixture } from '../support/fixture.js';

const crypto = createCryptoBackend('node');
const keys = [0, 1, 2, 3].map((i) => deriveKeyPair(crypto, 'chain-test', i));
const treaty = makeTreaty(crypto, 'a', keys.map((k, i) => ({ keys: k, name: `f${i}`, declaredAtMs: 10 - i })));
const env = (i: number): NodeEnv => ({ keys: keys[i]!, crypto, storage: new MemoryStorage(), rng: new Sfc32(1) });

test('MEMB-001: a treaty with an out-of-bounds or missing field is refused, naming the field', () => {
  assert.throws(() => referenceFactory.create({ treaty: { ...treaty, validatorsMax: 0 } }, env(0)), (e: Error) => e instanceof TreatyError && /treaty\.validatorsMax/.test(e.message));
  assert.throws(() => referenceFactory.create({ treaty: { ...treaty, joinRule: 'most' as never } }, env(0)), /treaty\.joinRule/);
  assert.throws(() => referenceFactory.create({ treaty: { ...treaty, founders: [] } }, env(0)), /treaty\.founders/);
  assert.throws(() => referenceFactory.create({ treaty: { ...treaty, founders: [treaty.founders[0]!, treaty.founders[0]!] } }, env(0)), /duplicate founder/);
});

test('MEMB-002: a founder identity whose self-signature does not verify is refused', () => {
  const bad = { ...treaty.founders[1]!, name: 'someone else' };
  assert.throws(() => referenceFactory.create({ treaty: { ...treaty, founders: [treaty.founders[0]!, bad] } }, env(0)), /founders\[1\].*self-signature/);
});

test('MEMB-003/MEMB-004: genesis orders founders by declared timestamp (declared 10, 9, 8, 7 → reverse)', () => {
  const node = referenceFactory.create({ treaty }, env(0));
  const view = node.query();
  assert.equal(view.members, [...keys].reverse().map((k) => k.publicKey));
  assert.is(view.height, 3, 'heights 0..F-1');
});

test('CHAIN-004: validators are the first validatorsMax members; the fifth founder is not one', () => {
  const fx = buildFixture(13);
  const view = fx.a.net.nodes.get(fx.founders[0]!.publicKey)!.query();
  assert.equal(view.validators, view.members.slice(0, 4));
  assert.not.ok(view.validators.includes(fx.founders[4]!.publicKey));
  assert.ok(view.members.includes(fx.joiner.publicKey), 'the joiner is a member but not a validator');
});

const RANK: Record<Entry['kind'], number> = { JOIN: 0, REJECTION: 1, DATA_OPERATION: 2, JOIN_REQUEST: 3, SHARE_REQUEST: 4, VOTE: 5, ACCESS_LOG: 6, IDENTITY: 7 };
function sortTuple(e: Entry): [number, string, string, number] {
  if (e.kind === 'VOTE') return [RANK.VOTE, e.vote.requestId, e.vote.voter, 0];
  if (e.kind === 'ACCESS_LOG') return [RANK.ACCESS_LOG, '', e.batch.server, e.batch.seq];
  if (e.kind === 'IDENTITY') return [RANK.IDENTITY, '', e.identity.publicKey, 0];
  return [RANK[e.kind], e.requestId, '', 0];
}
const before = (a: [number, string, string, number], b: [number, string, string, number]): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] !== b[2] ? a[2] < b[2] : a[3] < b[3];

test('CHAIN-008: every committed block lists decisions first and entries in strictly increasing canonical order', () => {
  const tour = runTour({ seed: 4, factory: referenceFactory });
  const blocks = tour.alliance.net.effectsOf('committed').filter((r) => r.node === tour.alliance.founders[0]!.publicKey);
  let multi = 0;
  for (const { effect } of blocks) {
    const entries = effect.block.entries;
    if (new Set(entries.map((e) => e.kind)).size > 1) multi++;
    for (let i = 1; i < entries.length; i++) assert.ok(before(sortTuple(entries[i - 1]!), sortTuple(entries[i]!)), `block ${effect.height} entry ${i}`);
  }
  assert.ok(multi > 0, 'some block mixes entry kinds, so the order was exercised');
});

test('CHAIN-009: a fresh proposal far from local time is refused; a committed block is accepted at any time', () => {
  const fx = buildFixture(17);
  const node = fx.a.net.nodes.get(fx.founders[0]!.publicKey)!;
  const v = node.query();
  const height = v.consensus.height;
  const round = v.consensus.round + 1;
  const proposerKey = v.validators[(height + round) % v.validators.length]!;
  const proposer = fx.founders.find((k) => k.publicKey === proposerKey)!;
  const now = fx.a.net.nowMs;
  const block = { height, round, prevHash: v.headHash, timestampMs: now + fx.a.treaty.clockSkewMs + 50, proposer: proposerKey, lastCommit: null, entries: [] };
  const body = { height, round, polRound: -1, proposer: proposerKey };
  const signature = toHex(crypto.sign(proposer.secretKey, proposalPayload(fx.a.treaty.allianceId, body, blockHash(crypto, block))));
  const r = node.handle({ type: 'message', from: proposerKey, message: { type: 'PROPOSAL', proposal: { ...body, block, signature } } }, now);
  assert.is(r.ok ? 'ok' : r.error.code, 'ERR_BAD_TIMESTAMP');
  const fresh = fx.fresh();
  const { block: b, certificate } = fx.committed[0]!;
  const late = fresh.handle({ type: 'message', from: proposerKey, message: { type: 'COMMIT', block: b, certificate } }, now + 1_000_000_000);
  assert.ok(late.ok, 'catching up works whatever the local time');
});

test('MOD-001/MOD-002: the reference node declares its modules and features, and derives genesis on creation', () => {
  assert.equal([...REFERENCE_CAPABILITIES.modules].sort(), ['communication', 'data-processing', 'sharing']);
  assert.ok(referenceFactory.create({ treaty }, env(2)).data, 'MOD-002: data-processing exposes the data operations');
  for (const f of ['genesis', 'consensus', 'join', 'share-member', 'share-nonmember', 'access-log', 'catch-up']) {
    assert.ok(REFERENCE_CAPABILITIES.features.includes(f), f);
  }
  const node = referenceFactory.create({ treaty }, env(1));
  assert.is(node.query().headHash.length, 64);
  assert.ok(node.query().isMember);
});

test.run();
