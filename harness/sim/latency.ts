// Latency summaries as plain numbers from HDR histograms (3 significant digits).

import * as hdr from 'hdr-histogram-js';

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export class LatencyHistogram {
  private readonly h = hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true });
  private count = 0;

  /** Records a value in milliseconds (kept at microsecond resolution). */
  recordMs(ms: number): void {
    this.h.recordValue(Math.max(1, Math.round(ms * 1000)));
    this.count += 1;
  }

  summary(): Percentiles {
    if (this.count === 0) return { count: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    // HDR reports a bucket's highest equivalent value; clamp so no percentile exceeds max.
    const max = this.h.maxValue;
    const ms = (us: number): number => Math.round(Math.min(us, max)) / 1000;
    return {
      count: this.count,
      p50: ms(this.h.getValueAtPercentile(50)),
      p90: ms(this.h.getValueAtPercentile(90)),
      p99: ms(this.h.getValueAtPercentile(99)),
      max: ms(max),
    };
  }
}

/** One histogram per key, created on first use. */
export class LatencyByKey {
  readonly all = new LatencyHistogram();
  private readonly byKey = new Map<string, LatencyHistogram>();

  recordMs(key: string, ms: number): void {
    this.all.recordMs(ms);
    let h = this.byKey.get(key);
    if (h === undefined) {
      h = new LatencyHistogram();
      this.byKey.set(key, h);
    }
    h.recordMs(ms);
  }

  summary(): Percentiles & { byOutcome: Record<string, Percentiles> } {
    const byOutcome: Record<string, Percentiles> = {};
    for (const k of [...this.byKey.keys()].sort()) byOutcome[k] = (this.byKey.get(k) as LatencyHistogram).summary();
    return { ...this.all.summary(), byOutcome };
  }
}
