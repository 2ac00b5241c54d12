// Dedupe and hourly aggregation by direct addressing on the meter × interval grid: one cell per
// (meter, interval slot) holds the index of the copy kept (CLEAN-001). Work is split by meter
// range, so ranges touch disjoint cells, statuses and output rows: any number of workers gives
// the same bytes.

import type { ReadingColumns } from './columns.js';
import { Reason, type CleanParams } from './params.js';
import { initialStatus, STATUS_QUALITY_SHIFT, STATUS_REASON_MASK, STATUS_SURVIVED } from './rules.js';

export interface GridPlan {
  readonly meters: number;
  /** First slot's start, UTC minutes (hour-aligned). */
  readonly baseMin: number;
  readonly slotMin: number;
  /** Slots per meter row (a multiple of slotsPerHour). */
  readonly slots: number;
  readonly slotsPerHour: number;
  readonly hours: number;
}

/** The grid covering all readings, or null when it would exceed params.gridCellsMax cells. */
export function planGrid(cols: ReadingColumns, p: CleanParams): GridPlan | null {
  const n = cols.count;
  if (n === 0 || 60 % p.intervalMinutes !== 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  const start = cols.startMin;
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const slotsPerHour = 60 / p.intervalMinutes;
  const baseMin = Math.floor(lo / 60) * 60;
  const hours = Math.floor((hi - baseMin) / 60) + 1;
  const slots = hours * slotsPerHour;
  const meters = cols.meterIds.length;
  if (meters * slots > p.gridCellsMax) return null;
  return { meters, baseMin, slotMin: p.intervalMinutes, slots, slotsPerHour, hours };
}

/** Dense hourly output: row m * hours + h; `readings` 0 means no secondary record. */
export interface HourlyDense {
  readonly energyWh: Float64Array;
  readonly readings: Uint8Array;
  readonly estimated: Uint8Array;
  readonly questionable: Uint8Array;
}

export function allocateHourlyDense(plan: GridPlan, allocate: (bytes: number) => ArrayBufferLike): HourlyDense {
  const rows = plan.meters * plan.hours;
  return {
    energyWh: new Float64Array(allocate(8 * rows)),
    readings: new Uint8Array(allocate(rows)),
    estimated: new Uint8Array(allocate(rows)),
    questionable: new Uint8Array(allocate(rows)),
  };
}

/**
 * Pass 1 for meters [m0, m1): per-record rules into `status`, and the kept copy of every
 * (meter, slot) into `grid` (latest receipt wins; on a tie the earlier record). Returns the
 * number of readings of those meters.
 */
export function dedupeRange(
  cols: ReadingColumns,
  plan: GridPlan,
  p: CleanParams,
  grid: Int32Array,
  status: Uint8Array,
  m0: number,
  m1: number,
): number {
  const { slots, baseMin, slotMin } = plan;
  grid.fill(-1, m0 * slots, m1 * slots);
  const meter = cols.meter;
  const start = cols.startMin;
  const received = cols.receivedMs;
  const n = cols.count;
  let own = 0;
  for (let i = 0; i < n; i++) {
    const m = meter[i]!;
    if (m < m0 || m >= m1) continue;
    own++;
    const st = initialStatus(cols, i, p);
    const offset = start[i]! - baseMin;
    if (offset % slotMin !== 0) {
      // Off the interval grid: invalid whatever dedupe decides, so it skips the grid.
      status[i] = st | STATUS_SURVIVED;
      continue;
    }
    status[i] = st;
    const cell = m * slots + offset / slotMin;
    const j = grid[cell]!;
    if (j < 0 || received[i]! > received[j]!) grid[cell] = i;
  }
  return own;
}

export interface RangeCounts {
  readonly readings: number;
  readonly survivors: number;
  readonly kept: number;
}

/**
 * Pass 2 for meters [m0, m1): marks survivors, applies the zero-run rule along each meter's row
 * and sums kept readings per hour into `out`.
 */
export function aggregateRange(
  cols: ReadingColumns,
  plan: GridPlan,
  p: CleanParams,
  grid: Int32Array,
  status: Uint8Array,
  out: HourlyDense,
  m0: number,
  m1: number,
): { survivors: number; kept: number } {
  const { slots, hours, slotsPerHour } = plan;
  const energy = new Float64Array(slots);
  const flag = new Uint8Array(slots); // 0 not kept, else 1 + quality class
  const wh = cols.wh;
  const mult = cols.multiplier;
  let survivors = 0;
  let kept = 0;
  for (let m = m0; m < m1; m++) {
    const row = m * slots;
    let run = 0;
    for (let s = 0; s < slots; s++) {
      const j = grid[row + s]!;
      if (j < 0) {
        if (run >= p.zeroRunMin) markZeroRun(grid, status, flag, row, s, run);
        run = 0;
        flag[s] = 0;
        continue;
      }
      survivors++;
      const st = status[j]! | STATUS_SURVIVED;
      status[j] = st;
      if ((st & STATUS_REASON_MASK) !== Reason.kept) {
        if (run >= p.zeroRunMin) markZeroRun(grid, status, flag, row, s, run);
        run = 0;
        flag[s] = 0;
        continue;
      }
      const e = wh[j]! * mult[j]!;
      energy[s] = e;
      flag[s] = 1 + ((st >> STATUS_QUALITY_SHIFT) & 3);
      if (e === 0) {
        run++;
      } else {
        if (run >= p.zeroRunMin) markZeroRun(grid, status, flag, row, s, run);
        run = 0;
      }
    }
    if (run >= p.zeroRunMin) markZeroRun(grid, status, flag, row, slots, run);
    let s = 0;
    const outRow = m * hours;
    for (let h = 0; h < hours; h++) {
      let sum = 0;
      let count = 0;
      let est = 0;
      let quest = 0;
      for (let k = 0; k < slotsPerHour; k++, s++) {
        const f = flag[s]!;
        if (f === 0) continue;
        sum += energy[s]!;
        count++;
        if (f === 2) est++;
        else if (f === 3) quest++;
      }
      kept += count;
      out.energyWh[outRow + h] = sum;
      out.readings[outRow + h] = count;
      out.estimated[outRow + h] = est;
      out.questionable[outRow + h] = quest;
    }
  }
  return { survivors, kept };
}

function markZeroRun(grid: Int32Array, status: Uint8Array, flag: Uint8Array, row: number, end: number, run: number): void {
  for (let s = end - run; s < end; s++) {
    flag[s] = 0;
    const j = grid[row + s]!;
    status[j] = (status[j]! & ~STATUS_REASON_MASK) | Reason.zeroRun;
  }
}
