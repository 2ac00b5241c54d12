// Statistics the gate and compare use: medians, ratios, and the Mann–Whitney U rank test
// (normal approximation with tie correction, two-sided; no continuity correction, so that five
// fully separated samples per side reach p ≈ 0.009 and can pass alpha = 0.01).

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: expected at least one value');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** current / baseline, or undefined when the baseline is 0 (no meaningful ratio). */
export function ratio(current: number, baseline: number): number | undefined {
  return baseline === 0 ? undefined : current / baseline;
}

/** Linear-interpolated percentile (0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile: expected at least one value');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: expected p in 0..100, got ${p}`);
  const s = [...values].sort((a, b) => a - b);
  const pos = (p / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Complementary error function (Numerical Recipes erfcc, |error| < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

export interface MannWhitneyResult {
  /** U of the first sample (number of pairs where a > b, ties counting one half). */
  readonly u: number;
  readonly z: number;
  /** Two-sided p-value; 1 when every value is tied. */
  readonly p: number;
}

/** Two-sided Mann–Whitney U test of samples a and b (normal approximation, tie-corrected). */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU: expected samples on both sides');
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
  const n = n1 + n2;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]!.v === all[i]!.v) j += 1;
    const t = j - i + 1;
    const rank = (i + j + 2) / 2; // average of ranks i+1 … j+1
    for (let k = i; k <= j; k += 1) if (all[k]!.first) rankSumA += rank;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, p: 1 };
  const z = (u - mean) / Math.sqrt(variance);
  const p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { u, z, p };
}
