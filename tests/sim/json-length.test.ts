// The engine's message sizes are JSON.stringify lengths, computed without building the string.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { jsonLength } from '../../harness/sim/json-length.js';

const same = (v: object): void => assert.is(jsonLength(v), JSON.stringify(v).length, JSON.stringify(v));

test('equals JSON.stringify length for any JSON value and odd strings (property)', () => {
  const odd = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\u2028', 'é', '😀', '\ud800', '\udc00') });
  const leaf = fc.oneof(odd, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v')), fc.dictionary(odd, tie('v'))),
  })).v;
  fc.assert(fc.property(fc.oneof(fc.array(value), fc.dictionary(odd, value)), (v) => same(v)), { numRuns: 3000 });
});

test('special values: omitted and null-ed members, toJSON, typed arrays, Maps, deep nesting', () => {
  same({ a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, NaN, Infinity, -Infinity] });
  same({ when: new Date(0), nested: { toJSON: () => 'x' } });
  same({ bytes: new Uint8Array([1, 2, 300]), map: new Map([[1, 2]]), set: new Set([1]) });
  let deep: unknown = 1;
  for (let i = 0; i < 100; i++) deep = [deep, { k: deep }].slice(0, 1);
  same({ deep });
  same([1e21, 1e-7, -0, 0.1 + 0.2, Number.MAX_SAFE_INTEGER]);
  assert.throws(() => jsonLength({ n: 1n }), /BigInt/);
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.throws(() => jsonLength(cycle), /circular/);
});

test.run();
