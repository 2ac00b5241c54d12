// What the verifier remembers across honest nodes answers only for what it was made from: a
// consensus vote's verdict by signature only for the fields it was checked for (the same signature
// offered for another height, round, hash, step or validator is checked again, and fails), and a
// vote's payload as its signer encoded it only for that vote object, once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Verifier } from '../../reference-node/verify.js';
import { memoOf } from '../../reference-node/memo.js';
import { createSodiumBackend, deriveKeyPair, makeConsensusVote, makeVote, votePayload } from '../../protocol/index.js';
import type { ConsensusStep, CryptoBackend, NodeEnv } from '../../contract/index.js';

const inner = createSodiumBackend();
const a = deriveKeyPair(inner, 'verify-consensus', 1);
const b = deriveKeyPair(inner, 'verify-consensus', 2);
const hash = 'ab'.repeat(32);

function sharedVerifier(): { verifier: Verifier; checks: () => number; hits: () => number; memo: ReturnType<ReturnType<typeof memoOf>> } {
  let checks = 0;
  let hits = 0;
  const crypto: CryptoBackend = { ...inner, verify: (...args) => (checks++, inner.verify(...args)) };
  const verdicts = new (class extends Map<string, boolean> {
    override get(key: string): boolean | undefined {
      const v = super.get(key);
      if (v !== undefined) hits++;
      return v;
    }
  })();
  const env = { caches: { verdicts, derived: new Map(), blocks: new WeakMap() } } as unknown as NodeEnv;
  const memo = memoOf(env);
  return { verifier: Verifier.from(crypto, env.caches, memo), checks: () => checks, hits: () => hits, memo: memo() };
}

test('a remembered signature answers for its own fields only (property)', () => {
  const field = fc.record({
    step: fc.constantFrom<ConsensusStep>('PREVOTE', 'PRECOMMIT'),
    height: fc.integer({ min: 1, max: 3 }),
    round: fc.integer({ min: 0, max: 2 }),
    blockHash: fc.constantFrom<string | null>(hash, null, 'cd'.repeat(32)),
    signer: fc.constantFrom(a, b),
    claimed: fc.constantFrom(a, b),
  });
  fc.assert(
    fc.property(field, field, (made, asked) => {
      const { verifier } = sharedVerifier();
      const vote = makeConsensusVote(inner, made.signer, 'al', made.step, made.height, made.round, made.blockHash);
      assert.ok(verifier.consensusVote(made.step, 'al', made.height, made.round, made.blockHash, made.signer.publicKey, vote.signature));
      const same = asked.step === made.step && asked.height === made.height && asked.round === made.round && asked.blockHash === made.blockHash && asked.claimed === made.signer;
      assert.is(verifier.consensusVote(asked.step, 'al', asked.height, asked.round, asked.blockHash, asked.claimed.publicKey, vote.signature), same);
    }),
    { numRuns: 300 },
  );
});

test('the same precommit checked again is a counted hit, not a second verification', () => {
  const { verifier, checks, hits } = sharedVerifier();
  const pc = makeConsensusVote(inner, a, 'al', 'PRECOMMIT', 5, 0, hash);
  for (let i = 0; i < 3; i++) assert.ok(verifier.consensusVote('PRECOMMIT', 'al', 5, 0, hash, a.publicKey, pc.signature));
  assert.is(checks(), 1);
  assert.is(hits(), 2);
});

test("a vote is checked against its signer's payload once, and a copy with other fields against its own", () => {
  const { verifier, memo } = sharedVerifier();
  const vote = makeVote(inner, a, 'al', 'ef'.repeat(32), true);
  verifier.rememberVotePayload(vote, votePayload(vote));
  const forged = { ...vote, allow: false };
  assert.not.ok(verifier.verifyVote(forged), 'the copy is checked against its own fields');
  assert.ok(memo.votePayloads.has(vote), 'still held for the vote it was made for');
  assert.ok(verifier.verifyVote(vote));
  assert.not.ok(memo.votePayloads.has(vote), 'taken once used');
  // A vote whose signer shares no memo is encoded from its fields.
  const other = makeVote(inner, b, 'al', 'ef'.repeat(32), false);
  assert.ok(verifier.verifyVote(other));
});

test('a vote verdict remembered by signature answers for its own fields only, and a consensus vote reusing the signature cannot replace it', () => {
  const { verifier, checks } = sharedVerifier();
  const vote = makeVote(inner, a, 'al', 'ef'.repeat(32), true);
  assert.ok(verifier.verifyVote(vote));
  assert.is(checks(), 1);
  assert.ok(verifier.verifyVote({ ...vote }), 'the same vote as another object');
  assert.is(checks(), 1, 'answered by signature, not checked again');
  for (const forged of [{ ...vote, allow: false }, { ...vote, requestId: 'ee'.repeat(32) }, { ...vote, voter: b.publicKey }, { ...vote, allianceId: 'other' }]) {
    assert.not.ok(verifier.verifyVote(forged), 'other fields under the same signature are checked, and fail');
  }
  assert.is(checks(), 5);
  // A consensus vote carrying the vote's signature fails, and the vote's verdict still stands.
  assert.not.ok(verifier.consensusVote('PREVOTE', 'al', 5, 0, hash, a.publicKey, vote.signature));
  assert.ok(verifier.verifyVote({ ...vote }));
});

test.run();
