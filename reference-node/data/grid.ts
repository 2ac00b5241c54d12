// Dedupe and hourly aggregation by direct addressing on the meter × interval grid (CLEAN-001,
// CLEAN-011, DATA-006). Random access into a large grid is what costs (a cache miss per
// reading), so readings are first scattered into blocks of a few meters whose grid fits in L2,
// then each block is deduped and aggregated in cache. Work is split by meter range: ranges touch
// disjoint statuses and output rows, so any number of workers gives the same bytes.

import type { ReadingColumns } from './columns.js';
import { Reason, type CleanParams } from './params.js';
import { STATUS_DUPLICATE, STATUS_QUALITY_SHIFT, STATUS_REASON_MASK } from './rules.js';

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

/** Grid cells per block: 8192 cells of 24 bytes = 192 KiB, well inside this machine's 512 KiB L2. */
const BLOCK_CELLS = 8192;
/**
 * Tuple per reading in the scatter buffer and per grid cell, 24 bytes: doubles [receivedMs,
 * energyWh] then int32s [index, cell·256 + status] in the third double's place (an Int32Array
 * view of the same buffer). Smaller tuples mean fewer cache lines written by the scatter.
 */
const STRIDE = 3;
/** Int32 positions of index and key inside tuple t: 2·(STRIDE·t) + INDEX_AT / KEY_AT. */
const INDEX_AT = 4;
const KEY_AT = 5;

const int32View = (f: Float64Array): Int32Array => new Int32Array(f.buffer, f.byteOffset, f.length * 2);

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
  return gridFor(cols.meterIds.length, lo, hi, p);
}

/** What a record range contributes to the plan: its start range and aligned readings per meter. */
export interface RangeSurvey {
  readonly loMin: number;
  readonly hiMin: number;
  readonly alignedPerMeter: Int32Array;
}

/** Surveys readings [i0, i1) (a worker's first round; alignment does not depend on the plan). */
export function surveyRange(cols: ReadingColumns, intervalMinutes: number, i0: number, i1: number): RangeSurvey {
  const { meter, startMin } = cols;
  const alignedPerMeter = new Int32Array(cols.meterIds.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = i0; i < i1; i++) {
    const s = startMin[i]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
    if (s % intervalMinutes === 0) alignedPerMeter[meter[i]!]!++;
  }
  return { loMin: lo, hiMin: hi, alignedPerMeter };
}

/** The plan from range surveys (null as planGrid). */
export function planFromSurveys(meters: number, surveys: readonly RangeSurvey[], p: CleanParams): GridPlan | null {
  if (60 % p.intervalMinutes !== 0) return null;
  const lo = Math.min(...surveys.map((s) => s.loMin));
  const hi = Math.max(...surveys.map((s) => s.hiMin));
  if (!Number.isFinite(lo)) return null;
  return gridFor(meters, lo, hi, p);
}

function gridFor(meters: number, lo: number, hi: number, p: CleanParams): GridPlan | null {
  const slotsPerHour = 60 / p.intervalMinutes;
  const baseMin = Math.floor(lo / 60) * 60;
  const hours = Math.floor((hi - baseMin) / 60) + 1;
  const slots = hours * slotsPerHour;
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

/** Reusable scratch memory for one thread (grown on demand, so repeated runs do not allocate). */
export class GridScratch {
  tuples = new Float64Array(0);
  cells = new Float64Array(0);
  flags = new Uint8Array(0);
  tuplesFor(n: number): Float64Array {
    if (this.tuples.length < n * STRIDE) this.tuples = new Float64Array(n * STRIDE);
    return this.tuples;
  }
  cellsFor(n: number): Float64Array {
    if (this.cells.length < n * STRIDE) this.cells = new Float64Array(n * STRIDE);
    return this.cells;
  }
  flagsFor(n: number): Uint8Array {
    if (this.flags.length < n) this.flags = new Uint8Array(n);
    return this.flags;
  }
}

/** How readings are split into blocks of `blockMeters` meters (the last may be smaller). */
export interface BlockLayout {
  readonly blockMeters: number;
  readonly blocks: number;
}

export function blockLayout(plan: GridPlan): BlockLayout {
  const blockMeters = Math.max(1, Math.floor(BLOCK_CELLS / plan.slots));
  return { blockMeters, blocks: Math.ceil(plan.meters / blockMeters) };
}

/** Adds to `counts[b]` the aligned readings of [i0, i1) that fall in block b. */
export function countBlocks(cols: ReadingColumns, plan: GridPlan, layout: BlockLayout, i0: number, i1: number, counts: Int32Array): void {
  const { meter, startMin } = cols;
  const { baseMin, slotMin } = plan;
  const blockMeters = layout.blockMeters;
  for (let i = i0; i < i1; i++) {
    if ((startMin[i]! - baseMin) % slotMin === 0) counts[Math.floor(meter[i]! / blockMeters)]!++;
  }
}

/** Tuple buffer for `readings` readings (shared when workers fill it). */
export function allocateTuples(readings: number, allocate: (bytes: number) => ArrayBufferLike): Float64Array {
  return new Float64Array(allocate(8 * STRIDE * Math.max(1, readings)));
}

/**
 * Readings [i0, i1): per-record rules into `status`, and each aligned reading's tuple into its
 * block at `next[b]` (advanced). Ranges given disjoint `next` windows write disjoint memory.
 */
export function scatterRange(
  cols: ReadingColumns,
  plan: GridPlan,
  p: CleanParams,
  layout: BlockLayout,
  status: Uint8Array,
  i0: number,
  i1: number,
  next: Int32Array,
  tuples: Float64Array,
): void {
  const { slots, baseMin, slotMin } = plan;
  const blockMeters = layout.blockMeters;
  const { meter, startMin, lengthMin, receivedMs, wh, multiplier, quality, capacityWh } = cols;
  const ints = int32View(tuples);
  const interval = p.intervalMinutes;
  const future = p.futureToleranceMs;
  const late = p.maxLatencyMs;
  const unit = p.unitRatio;
  const spike = p.capacityFactor;
  // Per meter: its block and the first cell of its row inside the block (no division per reading).
  const meters = cols.meterIds.length;
  const blockOf = new Int32Array(meters);
  const rowOf = new Int32Array(meters);
  for (let m = 0; m < meters; m++) {
    const b = Math.floor(m / blockMeters);
    blockOf[m] = b;
    rowOf[m] = (m - b * blockMeters) * slots;
  }
  for (let i = i0; i < i1; i++) {
    // The rules of rules.ts recordReason, inlined: this loop reads every reading once.
    const len = lengthMin[i]!;
    const start = startMin[i]!;
    const r = receivedMs[i]!;
    const e = wh[i]! * multiplier[i]!;
    const q = quality[i]!;
    const qc = q === 0 ? 0 : q === 8 || q === 9 ? 1 : q === 10 || q === 14 ? 2 : -1;
    const endMs = (start + len) * 60_000;
    const capIntervalWh = (capacityWh[i]! * len) / 60;
    let reason: number = Reason.kept;
    if (len !== interval) reason = Reason.intervalLength;
    else if (start % interval !== 0) reason = Reason.misaligned;
    else if (endMs - r > future) reason = Reason.future;
    else if (r - endMs > late) reason = Reason.late;
    else if (qc < 0) reason = Reason.badQuality;
    else if (e < 0) reason = Reason.negative;
    else if (e > unit * capIntervalWh) reason = Reason.unit;
    else if (e > spike * capIntervalWh) reason = Reason.spike;
    const st = reason | ((qc < 0 ? 0 : qc) << STATUS_QUALITY_SHIFT);
    status[i] = st;
    const offset = start - baseMin;
    // Off the interval grid: invalid whatever dedupe decides, so it skips the grid.
    if (offset % slotMin !== 0) continue;
    const m = meter[i]!;
    const t = next[blockOf[m]!]!++ * STRIDE;
    tuples[t] = r;
    tuples[t + 1] = e;
    ints[2 * t + INDEX_AT] = i;
    ints[2 * t + KEY_AT] = (rowOf[m]! + offset / slotMin) * 256 + st;
  }
}

/**
 * Blocks [b0, b1): dedupe each block's tuples (`starts[b]` .. `starts[b + 1]`), apply the
 * zero-run rule and write hourly sums of its meters into `out`. Returns kept readings.
 */
export function cleanBlocks(
  plan: GridPlan,
  p: CleanParams,
  layout: BlockLayout,
  tuples: Float64Array,
  starts: Int32Array,
  status: Uint8Array,
  out: HourlyDense,
  b0: number,
  b1: number,
  scratch: GridScratch = new GridScratch(),
): number {
  const cells = scratch.cellsFor(layout.blockMeters * plan.slots);
  const flags = scratch.flagsFor(plan.slots);
  let kept = 0;
  for (let b = b0; b < b1; b++) {
    const first = b * layout.blockMeters;
    const last = Math.min(plan.meters, first + layout.blockMeters);
    dedupeBlock(tuples, starts[b]!, starts[b + 1]!, cells, (last - first) * plan.slots, status);
    for (let m = first; m < last; m++) {
      kept += aggregateMeter(plan, p, cells, (m - first) * plan.slots, flags, status, out, m);
    }
  }
  return kept;
}

/** All steps in one thread: cleans every reading of `cols` on the grid `plan`. */
export function cleanOnGrid(
  cols: ReadingColumns,
  plan: GridPlan,
  p: CleanParams,
  status: Uint8Array,
  out: HourlyDense,
  scratch: GridScratch = new GridScratch(),
): number {
  const layout = blockLayout(plan);
  const starts = new Int32Array(layout.blocks + 1);
  countBlocks(cols, plan, layout, 0, cols.count, starts.subarray(1));
  for (let b = 0; b < layout.blocks; b++) starts[b + 1]! += starts[b]!;
  const tuples = scratch.tuplesFor(starts[layout.blocks]!);
  scatterRange(cols, plan, p, layout, status, 0, cols.count, starts.slice(0, layout.blocks), tuples);
  return cleanBlocks(plan, p, layout, tuples, starts, status, out, 0, layout.blocks, scratch);
}

/** Keeps, per cell of one block, the tuple with the latest receipt (tie: lower index). */
function dedupeBlock(tuples: Float64Array, from: number, to: number, cells: Float64Array, cellCount: number, status: Uint8Array): void {
  const tInts = int32View(tuples);
  const cInts = int32View(cells);
  cInts.fill(-1, 0, cellCount * STRIDE * 2);
  for (let k = from * STRIDE, end = to * STRIDE; k < end; k += STRIDE) {
    const key = tInts[2 * k + KEY_AT]!;
    const i = tInts[2 * k + INDEX_AT]!;
    const c = (key >> 8) * STRIDE;
    const held = cInts[2 * c + INDEX_AT]!;
    const r = tuples[k]!;
    if (held < 0 || r > cells[c]! || (r === cells[c]! && i < held)) {
      if (held >= 0) status[held] = status[held]! | STATUS_DUPLICATE;
      cells[c] = r;
      cells[c + 1] = tuples[k + 1]!;
      cInts[2 * c + INDEX_AT] = i;
      cInts[2 * c + KEY_AT] = key;
    } else {
      status[i] = status[i]! | STATUS_DUPLICATE;
    }
  }
}

/** Zero-run rule along one meter's row of cells, then hourly sums of its kept readings. */
function aggregateMeter(
  plan: GridPlan,
  p: CleanParams,
  cells: Float64Array,
  rowCell: number,
  flags: Uint8Array,
  status: Uint8Array,
  out: HourlyDense,
  m: number,
): number {
  const { slots, hours, slotsPerHour } = plan;
  const cInts = int32View(cells);
  let run = 0;
  for (let s = 0, c = rowCell * STRIDE; s < slots; s++, c += STRIDE) {
    let zero = false;
    flags[s] = 0;
    if (cInts[2 * c + INDEX_AT]! >= 0) {
      const st = cInts[2 * c + KEY_AT]! & 255;
      if ((st & STATUS_REASON_MASK) === Reason.kept) {
        flags[s] = 1 + ((st >> STATUS_QUALITY_SHIFT) & 3);
        zero = cells[c + 1] === 0;
      }
    }
    if (zero) run++;
    else {
      if (run >= p.zeroRunMin) markZeroRun(cells, rowCell, flags, status, s, run);
      run = 0;
    }
  }
  if (run >= p.zeroRunMin) markZeroRun(cells, rowCell, flags, status, slots, run);
  let kept = 0;
  const outRow = m * hours;
  for (let h = 0, s = 0, c = rowCell * STRIDE; h < hours; h++) {
    let sum = 0;
    let count = 0;
    let est = 0;
    let quest = 0;
    for (let k = 0; k < slotsPerHour; k++, s++, c += STRIDE) {
      const f = flags[s]!;
      if (f === 0) continue;
      sum += cells[c + 1]!;
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
  return kept;
}

function markZeroRun(cells: Float64Array, rowCell: number, flags: Uint8Array, status: Uint8Array, end: number, run: number): void {
  for (let s = end - run; s < end; s++) {
    flags[s] = 0;
    const j = int32View(cells)[2 * (rowCell + s) * STRIDE + INDEX_AT]!;
    status[j] = (status[j]! & ~STATUS_REASON_MASK) | Reason.zeroRun;
  }
}
