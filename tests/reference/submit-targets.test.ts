// JOIN-003 / SHARE-003: where votes and access-log batches go. Property tests over the edge
// cases: fewer validators than submitProposers, k not a multiple of it, the voter a validator.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { submitTargetsOf } from '../../reference-node/core.js';

const keys = (k: number) => Array.from({ length: k }, (_, i) => i.toString(16).padStart(64, '0'));

test('JOIN-003: F distinct targets in validator order, all validators when k ≤ F, never the voter itself', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 20_000 }), (k, f, head, member) => {
      const validators = keys(k);
      const outsider = 'f'.repeat(64);
      const to = submitTargetsOf(validators, head, member, f, outsider);
      assert.is(to.length, Math.min(f, k), `k=${k} F=${f}`);
      assert.equal(to, validators.filter((v) => to.includes(v)), 'validator order');
      if (k <= f) assert.equal(to, validators);
      const self = validators[member % k] as string;
      assert.not.ok(submitTargetsOf(validators, head, member, f, self).includes(self));
    }),
    { numRuns: 500, seed: 5 },
  );
});

test('JOIN-003: the groups split the load — over all member groups each coming proposer gets one group, and the next G proposers all hold votes', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 100_000 }), (k, f, head) => {
      const validators = keys(k);
      const groups = Math.floor(k / Math.min(f, k));
      const load = new Map<string, number>();
      for (let g = 0; g < groups; g++) for (const v of submitTargetsOf(validators, head, g, f, 'x')) load.set(v, (load.get(v) ?? 0) + 1);
      for (let i = 1; i <= Math.min(groups, k); i++) assert.ok(load.has(validators[(head + i) % k] as string), `proposer of h+${i} holds a group`);
      for (const n of load.values()) assert.ok(n <= Math.ceil((groups * Math.min(f, k)) / k) + 1, 'no validator holds much more than its share');
    }),
    { numRuns: 500, seed: 6 },
  );
});

test.run();
