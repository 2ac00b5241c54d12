// SHARE-005 (S6 rule), JOIN-004 (join rules), CHAIN-006 (quorum): the pure rules, checked against
// independent formulations for every member count 1–64 and every allow count.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allowThreshold, commitQuorum, faultTolerance, settle } from '../../harness/adapters/reference.js';

test('SHARE-005: allowed iff allows >= half of eligible, for every n in 1..64 and every allow count', () => {
  for (let n = 1; n <= 64; n++) {
    const t = allowThreshold('SHARE_REQUEST', 'majority', n);
    for (let allows = 0; allows <= n; allows++) {
      const rejects = n - allows; // everyone voted
      const expected = 2 * allows >= n ? 'allowed' : 'rejected';
      assert.is(settle(t, n, allows, rejects, false), expected, `n=${n} allows=${allows}`);
      // silence: the same allows with nobody else voting, once the window closes
      assert.is(settle(t, n, allows, 0, true), expected, `n=${n} allows=${allows}, rest silent`);
    }
  }
});

test('SHARE-005: worked examples — 2 of 4 allows, 2 of 5 rejects, silence counts as not allowing', () => {
  assert.is(settle(allowThreshold('SHARE_REQUEST', 'majority', 4), 4, 2, 0, true), 'allowed');
  assert.is(settle(allowThreshold('SHARE_REQUEST', 'majority', 5), 5, 2, 0, true), 'rejected');
  assert.is(settle(allowThreshold('SHARE_REQUEST', 'majority', 5), 5, 2, 0, false), null, 'still open while 3 may vote');
  assert.is(settle(allowThreshold('SHARE_REQUEST', 'majority', 1), 1, 0, 0, true), 'rejected');
});

test('JOIN-004: each joinRule threshold matches its definition', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 64 }), (n, a) => {
      const allows = Math.min(a, n);
      const allowed = (rule: 'majority' | 'half' | 'twoThirds' | 'unanimous') =>
        settle(allowThreshold('JOIN_REQUEST', rule, n), n, allows, n - allows, false) === 'allowed';
      assert.is(allowed('majority'), 2 * allows > n);
      assert.is(allowed('half'), 2 * allows >= n);
      assert.is(allowed('twoThirds'), 3 * allows > 2 * n);
      assert.is(allowed('unanimous'), allows === n);
    }),
    { numRuns: 500 },
  );
});

test('JOIN-004/SHARE-005: settlement is early exactly when the outcome can no longer change', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 64 }), fc.nat(), fc.nat(), (n, x, y) => {
      const allows = x % (n + 1);
      const rejects = y % (n - allows + 1);
      const t = allowThreshold('SHARE_REQUEST', 'majority', n);
      const outcome = settle(t, n, allows, rejects, false);
      const canStillAllow = allows + (n - allows - rejects) >= t;
      if (allows >= t) assert.is(outcome, 'allowed');
      else if (!canStillAllow) assert.is(outcome, 'rejected');
      else assert.is(outcome, null);
    }),
    { numRuns: 1_000 },
  );
});

test('CHAIN-006: quorum floor(2k/3)+1 exceeds 2k/3 and any two quorums share an honest validator', () => {
  for (let k = 1; k <= 100; k++) {
    const q = commitQuorum(k);
    const f = faultTolerance(k);
    assert.ok(3 * q > 2 * k, `k=${k}`);
    assert.ok(3 * (q - 1) <= 2 * k, `k=${k}: minimal`);
    assert.ok(2 * q - k > f, `k=${k}: intersection of two quorums exceeds f`);
  }
  assert.equal([4, 7, 32].map(commitQuorum), [3, 5, 22]);
});

test.run();
