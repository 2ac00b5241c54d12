// canonicalJson's fast path and flatCanonicalBytes must give canonicalize's bytes for any value, or
// throw where it throws (lone surrogates, NaN, Infinity, cycles).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalJson, consensusVotePayload, flatCanonicalBytes, sortedKeys, votePayload } from '../../protocol/index.js';

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

/** The reference bytes: canonicalize's text in UTF-8, through nothing the code under test uses. */
function referenceBytes(object: unknown): Uint8Array {
  const text = canonicalize(object);
  if (text === undefined) throw new TypeError('no JSON form');
  return new TextEncoder().encode(text);
}

function outcome(f: () => Uint8Array): string {
  try {
    return Buffer.from(f()).toString('hex');
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

test('flatCanonicalBytes equals canonicalize (UTF-8) for any values (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(value, { minLength: 5, maxLength: 5 }), (values) => {
      const object = Object.fromEntries(KEYS.map((k, i) => [k, values[i]]));
      assert.is(outcome(() => flatCanonicalBytes(KEYS, values)), outcome(() => referenceBytes(object)));
    }),
    { numRuns: 3_000 },
  );
});

function textOutcome(f: () => string | undefined): string {
  try {
    return JSON.stringify(f());
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

/** canonicalJson's contract: canonicalize's text, and a TypeError where it has none. */
function reference(v: unknown): string {
  const text = canonicalize(v);
  if (text === undefined) throw new TypeError('no JSON form');
  return text;
}

test('canonicalJson equals canonicalize for any value (fast-check)', () => {
  const arrayWithToJson = Object.assign([1, 2], { toJSON: () => 'x' });
  class Tagged extends Array<number> {}
  const weird = fc.oneof(
    value,
    fc.constant(new Date(0)),
    fc.constant({ toJSON: () => 'x' }),
    fc.constant(Object.create(null) as object),
    fc.constant(arrayWithToJson),
    fc.constant(Tagged.from([3])),
  );
  const anything = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, weird, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'binary' }), tie('node'), { maxKeys: 4 })),
  })).node;
  fc.assert(
    fc.property(anything, (v) => {
      assert.is(textOutcome(() => canonicalJson(v)), textOutcome(() => reference(v)));
    }),
    { numRuns: 5_000 },
  );
  const deep: unknown[] = [];
  let at = deep;
  for (let i = 0; i < 100; i++) at.push((at = []));
  assert.is(canonicalJson(deep), canonicalize(deep));
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.is(textOutcome(() => canonicalJson(cyclic)), textOutcome(() => reference(cyclic)));
});

test('vote and consensus-vote payloads are the canonical JSON of their payload objects', () => {
  const vote = { allianceId: 'raa-α', requestId: 'ab'.repeat(32), voter: 'cd'.repeat(32), allow: false };
  assert.is(Buffer.from(votePayload(vote)).toString(), Buffer.from(referenceBytes({ type: 'VOTE', ...vote })).toString());
  for (const blockHash of ['ef'.repeat(32), null]) {
    const cv = { height: 12, round: 3, blockHash, validator: '01'.repeat(32) };
    assert.is(
      Buffer.from(consensusVotePayload('raa-α', 'PRECOMMIT', cv)).toString(),
      Buffer.from(referenceBytes({ type: 'PRECOMMIT', allianceId: 'raa-α', ...cv })).toString(),
    );
  }
});

test('sortedKeys refuses keys out of RFC 8785 order, and keys JSON would escape', () => {
  assert.throws(() => sortedKeys('allow', 'allianceId'), /allow must come before allianceId/);
  assert.throws(() => sortedKeys('a', 'a'), /must come before/);
  assert.throws(() => sortedKeys('a"b'), /would need escaping/);
  assert.throws(() => sortedKeys('\ud800'), /would need escaping/);
});

test.run();
