// flatCanonicalBytes is a fast path of canonicalBytes: for any values it must give the same bytes,
// or throw where canonicalize throws (lone surrogates, NaN, Infinity).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { canonicalBytes, consensusVotePayload, flatCanonicalBytes, sortedKeys, votePayload } from '../../protocol/index.js';

const KEYS = sortedKeys('allianceId', 'allow', 'requestId', 'type', 'voter');
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // lone surrogates included
  fc.constantFrom('\u2028', '"\\', '\u0000\u001f', '\ud800', 'ü€😀'),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(-0, NaN, Infinity, 2 ** 53),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
);

function outcome(f: () => Uint8Array): string {
  try {
    return Buffer.from(f()).toString('hex');
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

test('flatCanonicalBytes equals canonicalBytes for any values (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(value, { minLength: 5, maxLength: 5 }), (values) => {
      const object = Object.fromEntries(KEYS.map((k, i) => [k, values[i]]));
      assert.is(outcome(() => flatCanonicalBytes(KEYS, values)), outcome(() => canonicalBytes(object)));
    }),
    { numRuns: 3_000 },
  );
});

test('vote and consensus-vote payloads are the canonical JSON of their payload objects', () => {
  const vote = { allianceId: 'raa-α', requestId: 'ab'.repeat(32), voter: 'cd'.repeat(32), allow: false };
  assert.is(Buffer.from(votePayload(vote)).toString(), Buffer.from(canonicalBytes({ type: 'VOTE', ...vote })).toString());
  for (const blockHash of ['ef'.repeat(32), null]) {
    const cv = { height: 12, round: 3, blockHash, validator: '01'.repeat(32) };
    assert.is(
      Buffer.from(consensusVotePayload('raa-α', 'PRECOMMIT', cv)).toString(),
      Buffer.from(canonicalBytes({ type: 'PRECOMMIT', allianceId: 'raa-α', ...cv })).toString(),
    );
  }
});

test('sortedKeys refuses keys out of RFC 8785 order', () => {
  assert.throws(() => sortedKeys('allow', 'allianceId'), /allow must come before allianceId/);
  assert.throws(() => sortedKeys('a', 'a'), /must come before/);
});

test.run();
