// Built-in scenarios on the reference node, shortened so the suite stays fast. Simulated crypto
// (keyed-hash signatures) keeps them quick; `raa-bench run` uses real Ed25519 by default.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { runScenario } from '../../harness/run/run-scenario.js';
import { fingerprint, founderMaterialOnPool, runSeeds } from '../../harness/run/pool.js';
import { cryptoBackendFor } from '../../harness/run/crypto-mode.js';
import { founderMaterial, founderNamespace } from '../../harness/sim/population.js';
import { loadScenario } from '../../harness/scenario/load.js';
import type { Scenario } from '../../harness/sim/scenario.js';

const short = (name: string, over: Partial<Scenario> = {}): Scenario => ({ ...loadScenario(name), ...over });
const run = async (scenario: Scenario, seed = 1) => (await runScenario({ scenario, seed, crypto: 'simulated', argv: ['test'] })).results as Record<string, any>;

test('smoke: results.json sections as issue 5 item 7 names them; same seed, same run', async () => {
  const sc = short('smoke', { durationMs: 6000 });
  const a = await run(sc);
  const b = await run(sc);
  assert.equal(fingerprint(a), fingerprint(b));
  for (const k of ['nodes', 'seed', 'scenario', 'implementation', 'workers', 'crypto', 'argv', 'commit', 'lockfileHash', 'specVersion', 'env']) assert.ok(k in a.run, k);
  assert.is(a.run.crypto.mode, 'simulated');
  assert.match(a.run.crypto.note, /SIMULATED/);
  assert.ok(a.finalState.height > 20 && /^[0-9a-f]{64}$/.test(a.finalState.headHash));
  for (const k of ['blocks', 'blocksPerSec', 'entriesPerSec', 'wallBlocksPerSec', 'wallEntriesPerSec']) assert.type(a.metrics.chain[k], 'number', k);
  const timeline = a.metrics.chain.timeline as { atMs: number; height: number; entries: number }[];
  assert.is(timeline.length, a.metrics.chain.blocks, 'one point per consensus block (the charts draw it)');
  assert.is(timeline[timeline.length - 1]?.height, a.finalState.height);
  assert.ok(timeline.every((p, i) => i === 0 || (p.height === (timeline[i - 1]?.height ?? 0) + 1 && p.atMs >= (timeline[i - 1]?.atMs ?? 0))), 'heights in order, time not going back');
  for (const k of ['p50', 'p90', 'p99', 'max']) {
    assert.type(a.metrics.votes.latencyMs[k], 'number');
    assert.type(a.metrics.votes.wallLatencyMs[k], 'number');
  }
  assert.type(a.metrics.votes.latencyMs.byOutcome, 'object');
  for (const k of ['events', 'eventsPerSec', 'messages', 'peakRssBytes', 'uniqueVerifications', 'cacheHits']) assert.type(a.metrics.sim[k], 'number', k);
  assert.ok(a.metrics.sim.cacheHits > 0);
  assert.is(a.safety.violations, 0, JSON.stringify(a.safety.details.slice(0, 3)));
  assert.is(a.liveness.violations, 0, JSON.stringify(a.liveness.details.slice(0, 3)));
  assert.ok(a.metrics.workload.submitted.memberShare > 0 && a.metrics.workload.completed.join > 0);
});

test('seed sweep: identical deterministic figures for workers 1, 2 and 4', async () => {
  const sc = short('smoke', { durationMs: 3000 });
  const seeds = [1, 2, 3];
  const prints = [];
  for (const workers of [1, 2, 4]) prints.push((await runSeeds({ scenario: sc, seeds, workers, crypto: 'simulated', impl: 'reference' })).map(fingerprint));
  assert.equal(prints[1], prints[0]);
  assert.equal(prints[2], prints[0]);
  assert.is.not(prints[0]?.[0]?.headHash, prints[0]?.[1]?.headHash);
});

test('city (1,000 nodes), real Ed25519: the same head hash for workers 1, 2 and 4 (crypto-ahead pool on for 2 and 4)', async () => {
  const sc = short('city', { durationMs: 12_000 });
  const runs = [];
  for (const workers of [1, 2, 4]) runs.push((await runScenario({ scenario: sc, seed: 7, crypto: 'real', workers, argv: ['test'] })).results as Record<string, any>);
  const [one, two, four] = runs.map((r) => r.finalState);
  assert.ok(one.height > 1_000 + 40, `city commits: ${one.height}`);
  assert.equal(two, one, 'workers 2');
  assert.equal(four, one, 'workers 4');
  assert.is(runs[0]?.run.cryptoAhead, undefined, 'one worker: no pool');
  assert.ok(runs[1]?.run.cryptoAhead.verify.byWorker > 0 && runs[1]?.run.cryptoAhead.sign.byWorker > 0, 'the pool verified and signed');
  // Votes forecast seconds ahead come with the worker's verdict: receivers find it ready.
  const v = runs[1]?.run.cryptoAhead.verify;
  assert.ok(v.withSignature > 0 && v.withSignature <= v.byWorker, `verdicts made with forecast signatures: ${JSON.stringify(v)}`);
});

test('byzantine (bad signatures, replays, forged timestamps), real Ed25519: the same head hash for workers 1 and 2', async () => {
  // A forged signature may share the crypto-ahead job key of a good one: it must get its own verdict.
  const heads = [];
  for (const workers of [1, 2]) heads.push(((await runScenario({ scenario: short('byzantine'), seed: 1, crypto: 'real', workers, argv: ['test'] })).results as Record<string, any>).finalState);
  assert.equal(heads[1], heads[0]);
});

test('byzantine-overload: > f colluding equivocators fork the chain; each violation has a replay command', async () => {
  const r = await run(short('byzantine-overload'), 1);
  assert.ok(r.safety.violations > 0);
  assert.ok(r.safety.passed, 'the scenario expects violations');
  assert.ok(r.safety.details.some((d: any) => d.kind === 'agreement'));
  for (const d of r.safety.details) assert.match(d.replay, /^raa-bench run --scenario byzantine-overload --seed 1 --crypto simulated$/);
});

test('byzantine (≤ f: equivocation, bad signatures, non-member/double/withheld votes, forged timestamps, replays): 0 safety violations', async () => {
  const r = await run(short('byzantine', { durationMs: 12_000 }));
  assert.is(r.safety.violations, 0, JSON.stringify(r.safety.details.slice(0, 3)));
  assert.ok(r.finalState.height > 25);
  assert.ok(Object.keys(r.metrics.byImplementation.reference.errors).length > 0, 'honest nodes rejected the Byzantine messages');
});

test('churn (crashes, restarts, joins) and partition (heals): 0 safety violations', async () => {
  const churn = await run(short('churn', { durationMs: 22_000 }));
  assert.is(churn.safety.violations, 0, JSON.stringify(churn.safety.details.slice(0, 3)));
  assert.ok(churn.metrics.votes.decisions.join > 0);
  const part = await run(short('partition', { durationMs: 22_000 }));
  assert.is(part.safety.violations, 0, JSON.stringify(part.safety.details.slice(0, 3)));
  assert.ok(part.finalState.height > 60);
});

test('mixed: an honest implementation commits the all-reference chain; a deviating one is caught', async () => {
  const sc = short('mixed', { durationMs: 6000 });
  const same = await runScenario({ scenario: sc, seed: 1, crypto: 'simulated', implUnderTest: { label: 'reference-copy', factory: { ...referenceFactory, implementation: { name: 'reference-copy', version: '0' } } } });
  const ok = same.results as Record<string, any>;
  assert.ok(ok.differential.equal, JSON.stringify(ok.differential));
  assert.ok(ok.metrics.byImplementation['reference-copy'].handled > 0);
  const rejecting = {
    ...referenceFactory,
    implementation: { name: 'always-reject', version: '0' },
    create: (config: Parameters<typeof referenceFactory.create>[0], env: Parameters<typeof referenceFactory.create>[1]) =>
      referenceFactory.create({ ...config, votePolicy: { join: 'reject', share: 'reject' } }, env),
  };
  const bad = (await runScenario({ scenario: sc, seed: 1, crypto: 'simulated', implUnderTest: { label: 'always-reject', factory: rejecting } })).results as Record<string, any>;
  assert.not.ok(bad.differential.equal);
  assert.ok(bad.safety.details.some((d: any) => d.kind === 'differential'));
});

test('population CPU batch on the pool gives the same keys and identities as in-thread', async () => {
  const sc = short('city', { nodes: 3000 });
  const pooled = await founderMaterialOnPool(sc, 7, 'simulated', 2);
  const local = founderMaterial(cryptoBackendFor('simulated'), founderNamespace(sc, 7), 0, 3000);
  assert.is(pooled.length, 3000);
  assert.equal(pooled.map((f) => f.identity), local.map((f) => f.identity));
  assert.equal(Buffer.from(pooled[2999]?.keys.secretKey ?? []), Buffer.from(local[2999]?.keys.secretKey ?? []));
});

test('--impl MODULE: a module exporting a NodeFactory runs on the mixed members', async () => {
  const module = fileURLToPath(new URL('./fixtures/copy-impl.js', import.meta.url));
  const r = (await runScenario({ scenario: short('mixed', { durationMs: 3000 }), seed: 2, crypto: 'simulated', impl: module })).results as Record<string, any>;
  assert.is(r.run.implementation.mixedWith.name, 'reference-copy');
  assert.is(r.run.implementation.mixedWith.nodes, 4);
  assert.ok(r.differential.equal);
  await runScenario({ scenario: short('smoke', { durationMs: 1000 }), seed: 1, crypto: 'simulated', impl: 'node ./my-node.js' }).then(
    () => assert.unreachable(),
    (e: Error) => assert.match(e.message, /--impl node \.\/my-node\.js: expected 'reference' or a JS module file/),
  );
});

test.run();
