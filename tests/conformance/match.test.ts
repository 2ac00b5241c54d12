// Pattern matching of vector expectations (the language every check's expectation is written in).
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listMismatch, mismatch, resultMatches } from '../../harness/conformance/match.js';

const json = fc.jsonValue({ maxDepth: 3 });

test('every JSON value matches itself', () => {
  fc.assert(fc.property(json, (v) => mismatch(v, v) === null));
});

test('a pattern made of some of an object’s keys matches it; changing one listed value breaks the match', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { minKeys: 1 }), fc.nat(), (obj, pick) => {
      const keys = Object.keys(obj);
      const key = keys[pick % keys.length]!;
      const pattern = { [key]: obj[key] };
      return mismatch(pattern, obj) === null && mismatch({ [key]: (obj[key] ?? 0) + 1 }, obj) !== null;
    }),
  );
});

test('$len and $has; arrays match element-wise with equal length; messages name the path', () => {
  assert.is(mismatch({ a: { $len: 2 } }, { a: [1, 2] }), null);
  assert.is(mismatch({ a: { $has: { k: 1 } } }, { a: [{ k: 2 }, { k: 1, x: 0 }] }), null);
  assert.match(mismatch({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }) ?? '', /\$\.a\[1\]\.b: expected 2, got 3/);
  assert.match(mismatch([1], [1, 2]) ?? '', /expected 1 items, got 2/);
});

test("result expectations: 'ok', 'error', 'A|B'", () => {
  assert.ok(resultMatches('ok', 'ok'));
  assert.not.ok(resultMatches('ok', 'ERR_STALE'));
  assert.ok(resultMatches('error', 'ERR_STALE'));
  assert.not.ok(resultMatches('error', 'ok'));
  assert.ok(resultMatches('ERR_UNSUPPORTED|ERR_MALFORMED', 'ERR_MALFORMED'));
  assert.not.ok(resultMatches('ERR_UNSUPPORTED|ERR_MALFORMED', 'ERR_REPLAY'));
});

test('includes / excludes over effect lists', () => {
  const effects = [{ type: 'decided', outcome: 'rejected', allows: 2 }, { type: 'voted' }];
  assert.is(listMismatch('effect', effects, { includes: [{ type: 'decided', allows: 2 }], excludes: [{ type: 'joined' }] }), null);
  assert.match(listMismatch('effect', effects, { includes: [{ type: 'joined' }] }) ?? '', /no effect matches/);
  assert.match(listMismatch('effect', effects, { excludes: [{ type: 'voted' }] }) ?? '', /unexpected effect/);
});

test.run();
