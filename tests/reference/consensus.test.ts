// CHAIN-012 (safety and liveness), CHAIN-005, CHAIN-006, CHAIN-010 (catch-up), CHAIN-011 (restart):
// random delivery orders and delays, partitions, up to f crashed or equivocating validators.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Hex, Message } from '../../contract/index.js';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { buildAlliance } from '../../harness/local/alliance.js';
import { equivocator } from '../support/byzantine.js';
import { createCryptoBackend, makeConsensusVote } from '../../protocol/index.js';
import { Consensus } from '../../reference-node/consensus.js';

function agreement(commits: Map<Hex, Map<number, Hex>>, honest: readonly Hex[]): string | null {
  const byHeight = new Map<number, Hex>();
  for (const key of honest) {
    for (const [h, hash] of commits.get(key) ?? []) {
      const seen = byHeight.get(h);
      if (seen && seen !== hash) return `height ${h}: ${seen.slice(0, 12)} vs ${hash.slice(0, 12)}`;
      byHeight.set(h, hash);
    }
  }
  return null;
}

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  validators: fc.constantFrom(4, 5, 7),
  latencyMaxMs: fc.integer({ min: 2, max: 400 }),
  faulty: fc.constantFrom('none', 'crash', 'equivocate'),
  partitionMs: fc.integer({ min: 0, max: 3_000 }),
});

test('CHAIN-012: honest nodes never commit different blocks, and keep committing after the network heals', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const f = Math.floor((s.validators - 1) / 3);
      const faultyCount = s.faulty === 'none' ? 0 : f;
      const partStart = 2_500;
      const partEnd = partStart + s.partitionMs;
      let a: ReturnType<typeof buildAlliance>;
      const faultyKeys = new Set<Hex>();
      const side = (k: Hex): number => (k.charCodeAt(1) % 2);
      a = buildAlliance({
        seed: s.seed,
        founders: s.validators,
        factory: referenceFactory,
        latencyMs: [1, s.latencyMaxMs],
        canDeliver: (from, to, atMs) => !(atMs >= partStart && atMs < partEnd && side(from) !== side(to)),
        outgoing: (from, to, m: Message) =>
          faultyKeys.has(from) && s.faulty === 'equivocate' ? equivocator(a.founders.find((k) => k.publicKey === from)!, a.treaty.allianceId)(to, m) : [m],
      });
      a.founders.slice(0, faultyCount).forEach((k) => faultyKeys.add(k.publicKey));
      if (s.faulty === 'crash') for (const k of faultyKeys) a.net.crashed.add(k);
      for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
      const honest = a.founders.map((k) => k.publicKey).filter((k) => !faultyKeys.has(k));
      a.net.run(partEnd);
      const before = Math.max(...honest.map((k) => a.net.commits.get(k)?.size ?? 0));
      a.net.run(partEnd + 30_000);
      const problem = agreement(a.net.commits, honest);
      if (problem) throw new Error(`seed ${s.seed}: ${problem} (${JSON.stringify(s)})`);
      const after = Math.min(...honest.map((k) => a.net.commits.get(k)?.size ?? 0));
      if (after < before + 3) throw new Error(`seed ${s.seed}: no progress after heal (${before} -> ${after}) ${JSON.stringify(s)}`);
    }),
    { numRuns: 20, seed: 42 },
  );
});

test('CHAIN-006: with more than f crashed validators nothing commits; restoring them resumes (CHAIN-011 restart)', () => {
  const a = buildAlliance({ seed: 3, founders: 4, factory: referenceFactory });
  const [v0, v1] = a.founders;
  a.net.crashed.add(v0!.publicKey);
  a.net.crashed.add(v1!.publicKey);
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.run(8_000);
  for (const k of a.founders) assert.is(a.net.commits.get(k.publicKey)?.size ?? 0, 0, 'no quorum, no commit');
  // Restart both with their storage: they resume past any round they may have signed in.
  for (const k of [v0!, v1!]) {
    const restarted = a.create(k);
    a.net.replace(restarted);
    a.net.command(k.publicKey, { type: 'start' }, 8_000);
  }
  a.net.run(20_000);
  const heights = a.founders.map((k) => a.net.commits.get(k.publicKey)?.size ?? 0);
  assert.ok(Math.min(...heights) >= 5, `all four commit again: ${heights}`);
  assert.is(agreement(a.net.commits, a.founders.map((k) => k.publicKey)), null);
});

test('CHAIN-010: a validator cut off for many blocks catches up through BLOCK_REQUEST', () => {
  const a = buildAlliance({ seed: 5, founders: 4, factory: referenceFactory, canDeliver: (from, to, atMs) => atMs > 9_000 || (from !== lagger && to !== lagger) });
  const lagger = a.founders[3]!.publicKey;
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.run(9_000);
  const ahead = a.net.commits.get(a.founders[0]!.publicKey)!.size;
  assert.ok(ahead > 10, `three validators commit without the fourth: ${ahead}`);
  assert.is(a.net.commits.get(lagger)!.size, 0);
  a.net.run(16_000);
  const caught = a.net.commits.get(lagger)!;
  assert.ok(caught.size >= ahead, `lagger caught up: ${caught.size} >= ${ahead}`);
  assert.is(agreement(a.net.commits, a.founders.map((k) => k.publicKey)), null);
});

test('CHAIN-010: a catch-up response holds no more blocks than fit in maxMessageBytes, and the lagger asks again', () => {
  // 64 blocks with 3-precommit certificates are ~100 KB; at 8 KiB a response must be cut by bytes.
  const a = buildAlliance({ seed: 5, founders: 4, factory: referenceFactory, treaty: { maxMessageBytes: 8_192 }, canDeliver: (from, to, atMs) => atMs > 9_000 || (from !== lagger && to !== lagger) });
  const lagger = a.founders[3]!.publicKey;
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.run(9_000);
  const ahead = a.net.commits.get(a.founders[0]!.publicKey)!.size;
  assert.ok(ahead > 10, `three validators commit without the fourth: ${ahead}`);
  a.net.run(16_000);
  assert.ok(a.net.commits.get(lagger)!.size >= ahead, `lagger caught up through byte-capped responses: ${a.net.commits.get(lagger)!.size} >= ${ahead}`);
  assert.is(agreement(a.net.commits, a.founders.map((k) => k.publicKey)), null);
});

test('CHAIN-005: proposer rotates as validators[(h + r) mod k]', () => {
  const a = buildAlliance({ seed: 9, founders: 4, factory: referenceFactory });
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.run(6_000);
  const validators = a.net.nodes.get(a.founders[0]!.publicKey)!.query().validators;
  const committed = a.net.effectsOf('committed').filter((r) => r.node === a.founders[0]!.publicKey);
  assert.ok(committed.length > 5);
  for (const { effect } of committed) {
    assert.is(effect.block.proposer, validators[(effect.height + effect.block.round) % validators.length]);
  }
});

test('CHAIN-005: a prevote sent again as a PRECOMMIT is a bad signature (the verdict is per step, not per object)', () => {
  const a = buildAlliance({ seed: 3, founders: 4, factory: referenceFactory });
  const node = a.create(a.founders[0]!);
  const height = node.query().consensus.height;
  const vote = makeConsensusVote(createCryptoBackend('node'), a.founders[1]!, a.treaty.allianceId, 'PREVOTE', height, 0, null);
  const from = a.founders[1]!.publicKey;
  const asPrevote = node.handle({ type: 'message', from, message: { type: 'PREVOTE', vote } }, 5_000);
  assert.ok(asPrevote.ok, 'the prevote is valid');
  const asPrecommit = node.handle({ type: 'message', from, message: { type: 'PRECOMMIT', vote } }, 5_001);
  assert.equal(asPrecommit.ok ? null : asPrecommit.error.code, 'ERR_BAD_SIGNATURE');
});

test('CHAIN-005: the vote counts progress() reads always equal a count of the stored votes, a validator\'s vote replaced or not (property)', () => {
  const validators = ['a', 'b', 'c', 'd', 'e'].map((x) => x.repeat(64));
  const hashes = [null, '1'.repeat(64), '2'.repeat(64)];
  const vote = fc.record({ step: fc.constantFrom('PREVOTE' as const, 'PRECOMMIT' as const), round: fc.nat(2), v: fc.nat(4), h: fc.nat(2) });
  fc.assert(
    fc.property(fc.array(vote, { maxLength: 60 }), (votes) => {
      const c = new Consensus(7, validators, validators[0]!);
      for (const { step, round, v, h } of votes) {
        c.addVote(step, round, validators[v]!, { blockHash: hashes[h]!, signature: `${v}` });
        for (const st of ['PREVOTE', 'PRECOMMIT'] as const) {
          for (let r = 0; r <= 2; r++) {
            const stored = [...(c.votes[st].get(r)?.values() ?? [])];
            assert.is(c.count(st, r, undefined), stored.length);
            for (const hash of hashes) assert.is(c.count(st, r, hash), stored.filter((x) => x.blockHash === hash).length);
          }
        }
      }
    }),
    { seed: 5 },
  );
});

test.run();
