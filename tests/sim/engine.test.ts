// Engine tests against a toy factory (tests/sim/toy-node.ts), not the reference node.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createNodeCryptoBackend, deriveKeyPair } from '../../protocol/index.js';
import { resolveScenario } from '../../harness/scenario/resolve.js';
import { createSimulatedCryptoBackend } from '../../harness/sim/crypto.js';
import { simulate } from '../../harness/sim/simulate.js';
import type { Scenario } from '../../harness/sim/scenario.js';
import { buildPopulation } from '../../harness/sim/population.js';
import { toyFactory } from './fixtures/toy-node.js';

function toyScenario(over: Record<string, unknown> = {}): Scenario {
  return resolveScenario({
    name: 'toy',
    nodes: 8,
    durationMs: 3000,
    treaty: { validatorsMax: 1, commitTimeoutMs: 90 },
    workload: { memberShares: { ratePerSec: 20, countMax: 40, startMs: 100 } },
    network: { latencyMs: { min: 5, max: 25 }, jitterMs: 3 },
    faults: [],
    byzantine: [],
    costModel: {},
    liveness: { boundMs: 3000 },
    ...over,
  });
}

const crypto = createSimulatedCryptoBackend();
const run = (scenario: Scenario, seed: number, factory = toyFactory()) =>
  simulate({ scenario, seed, crypto, reference: { label: 'toy', factory }, wallNowMs: () => 0 });

test('same seed → same head, same event count; another seed → another run', () => {
  const a = run(toyScenario(), 1);
  const b = run(toyScenario(), 1);
  const c = run(toyScenario(), 2);
  assert.ok(a.audit.consensusBlocks > 20, `blocks ${a.audit.consensusBlocks}`);
  assert.is(a.audit.headHash, b.audit.headHash);
  assert.is(a.engine.events, b.engine.events);
  assert.equal(a.requests.memberShares.virtual.summary(), b.requests.memberShares.virtual.summary());
  assert.not.equal(a.requests.memberShares.virtual.summary(), c.requests.memberShares.virtual.summary());
  assert.is(a.violations.count, 0, a.violations.details.map((d) => d.message).join('\n'));
});

test('member share latency counts every request, pending ones as timedOut', () => {
  const o = run(toyScenario(), 3);
  const s = o.requests.memberShares.virtual.summary();
  assert.is(o.requests.submitted.memberShare, 40);
  assert.is(s.count, 40);
  assert.ok(s.p50 >= 10 && s.p50 <= 60, `p50 ${s.p50}`);
  assert.ok(s.byOutcome.served !== undefined);
});

test('a node committing a different block at a height is an agreement violation', () => {
  const sc = toyScenario();
  const keys = buildPopulation(sc, 5, crypto).founders;
  const o = run(sc, 5, toyFactory({ forkAt: 12, forker: keys[3]?.publicKey as string }));
  assert.ok((o.violations.byKind.get('agreement') ?? 0) >= 1);
  assert.ok(o.violations.details.some((d) => d.kind === 'agreement' && d.height === 12));
});

test('crash and restart: a crashed node handles nothing; restart builds a fresh instance', () => {
  const o = run(toyScenario({ faults: [{ kind: 'crash', node: 3, atMs: 1000, restartAtMs: 2000 }] }), 1);
  const plain = run(toyScenario(), 1);
  // The toy has no catch-up: the restarted follower rejects every later block as not the next.
  assert.ok(o.engine.handled < plain.engine.handled);
  assert.ok(o.engine.errors > plain.engine.errors);
  assert.is(o.audit.headHash, plain.audit.headHash);
  assert.is(o.violations.count, 0);
});

test('partition drops copies across sides until healed', () => {
  const o = run(toyScenario({ faults: [{ kind: 'partition', atMs: 500, healAtMs: 1500, minorityPermille: 400 }] }), 1);
  assert.ok(o.network.dropped > 0);
});

test('clock skew shifts node time but keeps runs deterministic', () => {
  const sc = toyScenario({ network: { latencyMs: { min: 5, max: 25 }, clockSkewMs: 40 } });
  assert.is(run(sc, 9).audit.headHash, run(sc, 9).audit.headHash);
});

test('simulated crypto: verifies its own signatures, rejects flips and other keys', () => {
  const c = createSimulatedCryptoBackend();
  const k = deriveKeyPair(c, 't', 1);
  const other = deriveKeyPair(c, 't', 2);
  const msg = new TextEncoder().encode('vote');
  const sig = c.sign(k.secretKey, msg);
  const pk = Buffer.from(k.publicKey, 'hex');
  assert.is(sig.length, 64);
  assert.ok(c.verify(pk, msg, sig));
  const bad = sig.slice();
  bad[5] = (bad[5] as number) ^ 1;
  assert.not.ok(c.verify(pk, msg, bad));
  assert.not.ok(c.verify(Buffer.from(other.publicKey, 'hex'), msg, sig));
  assert.not.ok(c.verify(pk.subarray(1), msg, sig));
  assert.is.not(createNodeCryptoBackend().name, c.name);
});

test('JWK-import Ed25519 backend: RFC 8032 vector, and the same bytes as protocol/ node:crypto', () => {
  const j = createNodeCryptoBackend({ keyImport: 'jwk' });
  const n = createNodeCryptoBackend();
  const secret = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  assert.is(Buffer.from(j.publicKeyOf(secret)).toString('hex'), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  for (let i = 0; i < 20; i++) {
    const k = deriveKeyPair(n, 'jwk', i);
    assert.is(deriveKeyPair(j, 'jwk', i).publicKey, k.publicKey);
    const msg = new TextEncoder().encode(`m${i}`);
    const sig = j.sign(k.secretKey, msg);
    assert.equal(sig, n.sign(k.secretKey, msg));
    const pk = Buffer.from(k.publicKey, 'hex');
    assert.ok(j.verify(pk, msg, sig));
    sig[0] = (sig[0] as number) ^ 1;
    assert.not.ok(j.verify(pk, msg, sig));
  }
  assert.not.ok(j.verify(new Uint8Array(32).fill(255), new Uint8Array(1), new Uint8Array(64)));
});

test.run();
