import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mannWhitneyU, median, normalCdf, percentile, ratio } from '../../harness/metrics/stats.js';
import { summarize } from '../../harness/metrics/histogram.js';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

// Expected values from scipy.stats.mannwhitneyu(a, b, use_continuity=False, method='asymptotic').
test('Mann–Whitney U matches scipy on separated, tied and interleaved samples', () => {
  const sep = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  assert.is(sep.u, 0);
  close(sep.p, 0.009023438818080326);
  const tied = mannWhitneyU([1, 2, 2, 3, 4, 5, 5], [3, 3, 4, 6, 7, 8]);
  assert.is(tied.u, 9.5);
  close(tied.p, 0.09713888779323948);
  const mixed = mannWhitneyU([10, 20, 30, 40, 50, 60], [15, 25, 35, 45, 55]);
  assert.is(mixed.u, 15);
  close(mixed.p, 1);
});

test('Mann–Whitney: all values tied gives p = 1; empty input is a RangeError', () => {
  assert.is(mannWhitneyU([3, 3, 3], [3, 3]).p, 1);
  assert.throws(() => mannWhitneyU([], [1]), RangeError);
});

test('Mann–Whitney: U1 + U2 = n1·n2 and p is symmetric', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }), (a, b) => {
      const ab = mannWhitneyU(a, b);
      const ba = mannWhitneyU(b, a);
      close(ab.u + ba.u, a.length * b.length, 1e-9);
      close(ab.p, ba.p, 1e-12);
      return ab.p >= 0 && ab.p <= 1;
    }),
  );
});

test('normal CDF, median, percentile and ratio', () => {
  close(normalCdf(0), 0.5);
  close(normalCdf(1.959964), 0.975, 1e-6);
  assert.is(median([5, 1, 3]), 3);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(percentile([1, 2, 3, 4, 5], 50), 3);
  assert.is(percentile([0, 10], 99), 9.9);
  assert.is(ratio(3, 2), 1.5);
  assert.is(ratio(1, 0), undefined);
  assert.throws(() => median([]), RangeError);
});

test('HDR summary gives p50/p90/p99/max as plain numbers within 0.1%', () => {
  const values = Array.from({ length: 10_000 }, (_, i) => (i + 1) / 10); // 0.1 … 1000 ms
  const s = summarize(values, 0.001, true);
  close(s.p50, 500, 0.5);
  close(s.p90, 900, 0.9);
  close(s.p99, 990, 1);
  close(s.max, 1000, 1);
  assert.is(s.count, 10_000);
  assert.is(typeof s.p99, 'number');
  assert.is(s.percentiles?.at(-1)?.[1], s.max);
  assert.throws(() => summarize([-1]), RangeError);
});

test.run();
