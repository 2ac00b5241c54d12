// Hourly secondary data in columns (one row per meter and hour with at least one kept reading),
// and its conversion to labelled SecondaryRecords.

import type { GridPlan, HourlyDense } from './grid.js';

export interface HourlyColumns {
  readonly count: number;
  readonly meter: Int32Array;
  /** Hour start, UTC minutes since the epoch. */
  readonly hourMin: Int32Array;
  readonly energyWh: Float64Array;
  /** Kept readings in the hour (1..readingsPerHour). */
  readonly readings: Uint8Array;
  /** Kept readings with an estimated (8/9) quality code. */
  readonly estimated: Uint8Array;
  /** Kept readings with a questionable (10) or raw (14) quality code. */
  readonly questionable: Uint8Array;
}

export function allocateHourly(rows: number): HourlyColumns & { count: number } {
  return {
    count: 0,
    meter: new Int32Array(rows),
    hourMin: new Int32Array(rows),
    energyWh: new Float64Array(rows),
    readings: new Uint8Array(rows),
    estimated: new Uint8Array(rows),
    questionable: new Uint8Array(rows),
  };
}

/** Rows of the dense grid output with at least one reading, in (meter, hour) order. */
export function compactHourly(plan: GridPlan, dense: HourlyDense): HourlyColumns {
  const total = plan.meters * plan.hours;
  let rows = 0;
  for (let r = 0; r < total; r++) if (dense.readings[r] !== 0) rows++;
  const out = allocateHourly(rows);
  let k = 0;
  for (let m = 0; m < plan.meters; m++) {
    const base = m * plan.hours;
    for (let h = 0; h < plan.hours; h++) {
      const r = base + h;
      const c = dense.readings[r]!;
      if (c === 0) continue;
      out.meter[k] = m;
      out.hourMin[k] = plan.baseMin + h * 60;
      out.energyWh[k] = dense.energyWh[r]!;
      out.readings[k] = c;
      out.estimated[k] = dense.estimated[r]!;
      out.questionable[k] = dense.questionable[r]!;
      k++;
    }
  }
  out.count = k;
  return out;
}
