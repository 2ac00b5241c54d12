// HDR histogram wrapper (hdr-histogram-js): record values, read p50/p90/p99/max as plain numbers.
// HDR stores integers, so values are recorded at a fixed resolution (default 1/1000 of the unit:
// microseconds for a millisecond histogram) with 3 significant digits.

import * as hdr from 'hdr-histogram-js';

export interface PercentileSummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
  /** [percentile, value] pairs for a percentile plot (0 … 99.99 … 100). */
  readonly percentiles?: readonly (readonly [number, number])[];
}

/** The percentiles a percentile plot draws (log-like spacing towards the tail). */
export const PLOT_PERCENTILES: readonly number[] = [
  0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5, 98.75, 99, 99.5, 99.9, 99.99, 100,
];

export class LatencyHistogram {
  readonly #h: hdr.Histogram;
  readonly #scale: number;

  /** `resolution`: the smallest distinguishable difference, in the recorded unit. */
  constructor(resolution = 0.001) {
    if (!(resolution > 0)) throw new RangeError(`LatencyHistogram: expected resolution > 0, got ${resolution}`);
    this.#scale = 1 / resolution;
    this.#h = hdr.build({ numberOfSignificantValueDigits: 3, autoResize: true, useWebAssembly: false });
  }

  record(value: number): void {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(`LatencyHistogram.record: expected a finite value ≥ 0, got ${value}`);
    }
    this.#h.recordValue(Math.round(value * this.#scale));
  }

  get count(): number {
    return this.#h.totalCount;
  }

  valueAt(percentile: number): number {
    return this.#h.getValueAtPercentile(percentile) / this.#scale;
  }

  /** p50/p90/p99/max (0 for an empty histogram), optionally with the percentile curve. */
  summary(withCurve = false): PercentileSummary {
    const base = {
      p50: this.valueAt(50),
      p90: this.valueAt(90),
      p99: this.valueAt(99),
      max: this.#h.maxValue / this.#scale,
      count: this.#h.totalCount,
    };
    if (!withCurve) return base;
    return { ...base, percentiles: PLOT_PERCENTILES.map((p) => [p, p === 100 ? base.max : this.valueAt(p)] as const) };
  }
}

/** Summarises plain values through an HDR histogram. */
export function summarize(values: Iterable<number>, resolution = 0.001, withCurve = false): PercentileSummary {
  const h = new LatencyHistogram(resolution);
  for (const v of values) h.record(v);
  return h.summary(withCurve);
}
