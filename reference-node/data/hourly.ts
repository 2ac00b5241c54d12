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

export function allocateHourly(
  rows: number,
  allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
): HourlyColumns & { count: number } {
  return {
    count: 0,
    meter: new Int32Array(allocate(4 * rows)),
    hourMin: new Int32Array(allocate(4 * rows)),
    energyWh: new Float64Array(allocate(8 * rows)),
    readings: new Uint8Array(allocate(rows)),
    estimated: new Uint8Array(allocate(rows)),
    questionable: new Uint8Array(allocate(rows)),
  };
}

/**
 * Rows of meters [m0, m1) of the dense output with at least one reading, written from row
 * `m0 * hours` of `into` (a worker compacts its own range); returns the number of rows.
 */
export function compactRange(plan: GridPlan, dense: HourlyDense, m0: number, m1: number, into: HourlyColumns): number {
  const hours = plan.hours;
  let k = m0 * hours;
  const first = k;
  for (let m = m0; m < m1; m++) {
    const base = m * hours;
    for (let h = 0; h < hours; h++) {
      const r = base + h;
      const c = dense.readings[r]!;
      if (c === 0) continue;
      into.meter[k] = m;
      into.hourMin[k] = plan.baseMin + h * 60;
      into.energyWh[k] = dense.energyWh[r]!;
      into.readings[k] = c;
      into.estimated[k] = dense.estimated[r]!;
      into.questionable[k] = dense.questionable[r]!;
      k++;
    }
  }
  return k - first;
}

/** Concatenates row windows [start, start + rows) of `from` into fresh columns. */
export function concatHourly(from: HourlyColumns, windows: readonly (readonly [start: number, rows: number])[]): HourlyColumns {
  const total = windows.reduce((a, [, rows]) => a + rows, 0);
  const out = allocateHourly(total);
  let at = 0;
  for (const [start, rows] of windows) {
    const end = start + rows;
    out.meter.set(from.meter.subarray(start, end), at);
    out.hourMin.set(from.hourMin.subarray(start, end), at);
    out.energyWh.set(from.energyWh.subarray(start, end), at);
    out.readings.set(from.readings.subarray(start, end), at);
    out.estimated.set(from.estimated.subarray(start, end), at);
    out.questionable.set(from.questionable.subarray(start, end), at);
    at += rows;
  }
  out.count = total;
  return out;
}

/** Rows of the dense grid output with at least one reading, in (meter, hour) order. */
export function compactHourly(plan: GridPlan, dense: HourlyDense): HourlyColumns {
  const staging = allocateHourly(plan.meters * plan.hours);
  return concatHourly(staging, [[0, compactRange(plan, dense, 0, plan.meters, staging)]]);
}
