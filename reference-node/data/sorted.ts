// Cleaning by sorting, for inputs whose meter × interval grid would be too large to address
// directly (e.g. a stray timestamp decades away). Same rules and output as grid.ts; slower.

import type { ReadingColumns } from './columns.js';
import { allocateHourly, type HourlyColumns } from './hourly.js';
import { Reason, type CleanParams } from './params.js';
import { initialStatus, STATUS_QUALITY_SHIFT, STATUS_REASON_MASK, STATUS_DUPLICATE } from './rules.js';

export function cleanSorted(cols: ReadingColumns, p: CleanParams, status: Uint8Array): HourlyColumns {
  const n = cols.count;
  const { meter, startMin, receivedMs } = cols;
  const aligned: number[] = [];
  for (let i = 0; i < n; i++) {
    status[i] = initialStatus(cols, i, p);
    // Off the interval grid: invalid whatever dedupe decides, so it skips dedupe (as in grid.ts).
    if (startMin[i]! % p.intervalMinutes === 0) aligned.push(i);
  }
  aligned.sort(
    (a, b) =>
      meter[a]! - meter[b]! || startMin[a]! - startMin[b]! || receivedMs[b]! - receivedMs[a]! || a - b,
  );
  const survivors: number[] = [];
  for (let k = 0; k < aligned.length; k++) {
    const i = aligned[k]!;
    const prev = survivors[survivors.length - 1];
    if (prev !== undefined && meter[prev] === meter[i] && startMin[prev] === startMin[i]) {
      status[i] = status[i]! | STATUS_DUPLICATE;
      continue;
    }
    survivors.push(i);
  }
  markZeroRuns(cols, p, status, survivors);
  return sumHours(cols, status, survivors);
}

function isKept(status: Uint8Array, i: number): boolean {
  return (status[i]! & STATUS_REASON_MASK) === Reason.kept;
}

function markZeroRuns(cols: ReadingColumns, p: CleanParams, status: Uint8Array, survivors: readonly number[]): void {
  let runStart = 0;
  let runLength = 0;
  const close = (end: number): void => {
    if (runLength >= p.zeroRunMin) {
      for (let k = end - runLength; k < end; k++) {
        const j = survivors[k]!;
        status[j] = (status[j]! & ~STATUS_REASON_MASK) | Reason.zeroRun;
      }
    }
    runLength = 0;
  };
  for (let k = 0; k < survivors.length; k++) {
    const i = survivors[k]!;
    const zero = isKept(status, i) && cols.wh[i]! * cols.multiplier[i]! === 0;
    if (!zero) {
      close(k);
      continue;
    }
    const prev = survivors[k - 1];
    const adjacent =
      runLength > 0 &&
      prev !== undefined &&
      cols.meter[prev] === cols.meter[i] &&
      cols.startMin[prev]! + p.intervalMinutes === cols.startMin[i];
    if (!adjacent) {
      close(k);
      runStart = k;
    }
    runLength = k - runStart + 1;
  }
  close(survivors.length);
}

function sumHours(cols: ReadingColumns, status: Uint8Array, survivors: readonly number[]): HourlyColumns {
  const out = allocateHourly(survivors.length);
  let k = -1;
  let lastMeter = -1;
  let lastHour = 0;
  for (const i of survivors) {
    if (!isKept(status, i)) continue;
    const m = cols.meter[i]!;
    const hour = Math.floor(cols.startMin[i]! / 60) * 60;
    if (m !== lastMeter || hour !== lastHour) {
      k++;
      out.meter[k] = m;
      out.hourMin[k] = hour;
      lastMeter = m;
      lastHour = hour;
    }
    out.energyWh[k] = out.energyWh[k]! + cols.wh[i]! * cols.multiplier[i]!;
    out.readings[k] = out.readings[k]! + 1;
    const q = (status[i]! >> STATUS_QUALITY_SHIFT) & 3;
    if (q === 1) out.estimated[k] = out.estimated[k]! + 1;
    else if (q === 2) out.questionable[k] = out.questionable[k]! + 1;
  }
  out.count = k + 1;
  return out;
}
