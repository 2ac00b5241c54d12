// Cleaning a batch of readings in-process (single thread): dedupe, validity rules, hourly
// aggregation. Workers run the same grid passes per meter range (see harness/bench).

import type { ReadingColumns } from './columns.js';
import { allocateHourlyDense, cleanOnGrid, GridScratch, planGrid } from './grid.js';
import { compactHourly, type HourlyColumns } from './hourly.js';
import { DEFAULT_CLEAN_PARAMS, REASON_NAMES, type CleanParams } from './params.js';
import { finalReason } from './rules.js';
import { cleanSorted } from './sorted.js';

export interface CleanResult {
  readonly hourly: HourlyColumns;
  /** Status byte per reading (see rules.ts); `finalReason(status[i])` is why it was removed. */
  readonly status: Uint8Array;
  readonly summary: ReadingSummary;
}

export interface ReadingSummary {
  readonly input: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly kept: number;
  readonly secondary: number;
  /** Removed readings by reason name (CLEAN rule), zero counts omitted. */
  readonly removedByReason: Readonly<Record<string, number>>;
}

export function cleanReadings(
  cols: ReadingColumns,
  params: Partial<CleanParams> = {},
  scratch: GridScratch = new GridScratch(),
): CleanResult {
  const p: CleanParams = { ...DEFAULT_CLEAN_PARAMS, ...params };
  const status = new Uint8Array(cols.count);
  const plan = planGrid(cols, p);
  let hourly: HourlyColumns;
  if (plan === null) {
    hourly = cleanSorted(cols, p, status);
  } else {
    const dense = allocateHourlyDense(plan, (bytes) => new ArrayBuffer(bytes));
    cleanOnGrid(cols, plan, p, status, dense, scratch);
    hourly = compactHourly(plan, dense);
  }
  return { hourly, status, summary: summarise(status, cols.count, hourly.count) };
}

/** Counts per final reason; reasons are disjoint, so input = duplicates + invalid + kept. */
export function summarise(status: Uint8Array, count: number, secondary: number): ReadingSummary {
  const byCode = new Array<number>(REASON_NAMES.length).fill(0);
  for (let i = 0; i < count; i++) byCode[finalReason(status[i]!)]!++;
  const removedByReason: Record<string, number> = {};
  byCode.forEach((c, code) => {
    if (code !== 0 && c > 0) removedByReason[REASON_NAMES[code]!] = c;
  });
  const duplicates = byCode[1]!;
  const kept = byCode[0]!;
  return { input: count, duplicates, invalid: count - duplicates - kept, kept, secondary, removedByReason };
}
