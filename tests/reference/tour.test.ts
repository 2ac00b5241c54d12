// The S3→S6 tour end to end on 16 reference nodes: MEMB-003/004 genesis and member order,
// JOIN-001..006, SHARE-002..006, CHAIN-001/002 chain links, MOD-004 determinism.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ZERO_HASH } from '../../contract/index.js';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { runTour } from '../../harness/local/tour.js';
import { blockHash, createCryptoBackend } from '../../protocol/index.js';

const tour = runTour({ seed: 1, factory: referenceFactory });
const net = tour.alliance.net;
const founders = tour.alliance.founders;
const crypto = createCryptoBackend('node');

test('MEMB-003: genesis is one IDENTITY block per founder, by (declaredAtMs, key), chained from zero', () => {
  const node = net.nodes.get(founders[0]!.publicKey)!;
  const view = node.query();
  assert.is(tour.founders, 16);
  // Founders declared at 1000+i: genesis order is founder order; members start with them.
  assert.equal(view.members.slice(0, 16), founders.map((f) => f.publicKey));
  const first = net.effectsOf('committed').find((r) => r.node === founders[0]!.publicKey)!;
  assert.is(first.effect.height, 16, 'consensus starts at height F');
});

test('CHAIN-001/CHAIN-002: committed blocks link by prevHash and hash to what every node reports', () => {
  const mine = net.effectsOf('committed').filter((r) => r.node === founders[0]!.publicKey);
  for (let i = 1; i < mine.length; i++) {
    const prev = mine[i - 1]!.effect;
    const cur = mine[i]!.effect;
    assert.is(cur.block.prevHash, prev.hash);
    assert.is(blockHash(crypto, cur.block), cur.hash);
    assert.is(cur.block.lastCommit?.blockHash, prev.hash, 'lastCommit certifies the parent');
  }
  assert.is.not(mine[0]!.effect.block.prevHash, ZERO_HASH);
  assert.is(tour.disagreements, 0);
});

test('JOIN-001..JOIN-005: one applicant admitted (a majority of 16 allow), one rejected (3/16); eligible = 16 founders', () => {
  const joins = tour.decisions.filter((d) => d.requestKind === 'JOIN_REQUEST');
  assert.equal(
    joins.map((d) => [d.applicant, d.outcome, d.eligible]).sort(),
    [['outsider-0', 'allowed', 16], ['outsider-1', 'rejected', 16]],
  );
  // It settles as soon as allows reach ⌊16/2⌋+1 = 9; the votes counted by then depend on how
  // many blocks carried them (JOIN-003 spreads them over coming proposers).
  const admitted = joins.find((d) => d.applicant === 'outsider-0')!;
  assert.ok(admitted.allows >= 9 && admitted.allows <= 16, `allows ${admitted.allows}`);
  assert.is(joins.find((d) => d.applicant === 'outsider-1')!.allows, 3, 'only 3 founders allow it');
  assert.is(tour.members, 17, 'MEMB-004: the joiner is appended to member order');
  const joined = tour.alliance.outsiders[0]!.publicKey;
  assert.is(net.nodes.get(founders[0]!.publicKey)!.query().members[16], joined);
});

test('JOIN-006: the admitted applicant catches up and commits the same chain as a member', () => {
  const joined = tour.alliance.outsiders[0]!.publicKey;
  const view = net.nodes.get(joined)!.query();
  assert.ok(view.isMember);
  assert.is(view.headHash, tour.headHash);
  assert.ok(net.effectsOf('joined').some((r) => r.node === joined));
  assert.ok(net.effectsOf('decided').some((r) => r.node === joined && r.effect.outcome === 'allowed'), 'DECISION notice');
});

test('CHAIN-004: the joiner becomes a validator (17 ≤ validatorsMax) and proposes blocks once admitted', () => {
  const joined = tour.alliance.outsiders[0]!.publicKey;
  assert.ok(net.nodes.get(founders[0]!.publicKey)!.query().validators.includes(joined));
  const proposed = net.effectsOf('committed').filter((r) => r.node === founders[0]!.publicKey && r.effect.block.proposer === joined);
  assert.ok(proposed.length > 0, 'an admitted validator that never proposes stalls every round it leads');
});

test('SHARE-004..SHARE-006: non-member shares — 8/16 allowed (DATA_OPERATION), 7/16 rejected', () => {
  const shares = tour.decisions.filter((d) => d.requestKind === 'SHARE_REQUEST');
  assert.equal(
    shares.map((d) => [d.applicant, d.outcome, d.allows, d.eligible]).sort(),
    [['outsider-2', 'allowed', 8, 16], ['outsider-3', 'rejected', 7, 16]],
  );
  const answers = net.effectsOf('shareAnswered');
  const of = (i: number) => answers.filter((r) => r.node === tour.alliance.outsiders[i]!.publicKey).map((r) => r.effect.status);
  assert.equal(of(2), ['pending', 'served']);
  assert.equal(of(3), ['pending', 'rejected']);
  const ops = net.effectsOf('committed').filter((r) => r.node === founders[0]!.publicKey).flatMap((r) => r.effect.block.entries.filter((e) => e.kind === 'DATA_OPERATION'));
  assert.is(ops.length, 1);
});

test('SHARE-002/SHARE-003: member shares are served directly and every access reaches an ACCESS_LOG entry', () => {
  assert.is(tour.memberSharesServed, 4);
  const logged = net.effectsOf('committed').filter((r) => r.node === founders[0]!.publicKey)
    .flatMap((r) => r.effect.block.entries.flatMap((e) => (e.kind === 'ACCESS_LOG' ? e.batch.records : [])));
  const served = net.effectsOf('served').filter((r) => r.effect.requester !== tour.alliance.outsiders[2]!.publicKey);
  assert.equal(logged.map((r) => r.requestId).sort(), served.map((r) => r.effect.requestId).sort());
  // Nothing member-to-member was broadcast: member share requests reach only their server.
  for (const node of net.nodes.values()) assert.is(node.query().unsentAccessRecords, 0);
});

test('MOD-004: the same seed gives the same head hash; another seed another', () => {
  const again = runTour({ seed: 1, factory: referenceFactory });
  assert.is(again.headHash, tour.headHash);
  assert.is(again.height, tour.height);
  const other = runTour({ seed: 2, factory: referenceFactory });
  assert.is.not(other.headHash, tour.headHash);
});

test.run();
