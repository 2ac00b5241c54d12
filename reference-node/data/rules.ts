// Per-reading validity rules (SPEC CLEAN-003..010, order CLEAN-013), applied in a fixed order: the first rule a
// reading breaks is its reason. The zero-run rule (CLEAN-011) needs neighbours and lives in grid.ts.

import type { ReadingColumns } from './columns.js';
import { qualityClass, Reason, type CleanParams } from './params.js';

/** Status byte per reading: low 4 bits reason, bits 4-5 quality class, bit 7 "lost dedupe". */
export const STATUS_DUPLICATE = 0x80;
export const STATUS_REASON_MASK = 0x0f;
export const STATUS_QUALITY_SHIFT = 4;

/** The reason of reading i under the per-record rules, or Reason.kept. */
export function recordReason(cols: ReadingColumns, i: number, p: CleanParams): number {
  const lengthMin = cols.lengthMin[i]!;
  if (lengthMin !== p.intervalMinutes) return Reason.intervalLength;
  const startMin = cols.startMin[i]!;
  if (startMin % p.intervalMinutes !== 0) return Reason.misaligned;
  const endMs = (startMin + lengthMin) * 60_000;
  const receivedMs = cols.receivedMs[i]!;
  if (endMs - receivedMs > p.futureToleranceMs) return Reason.future;
  if (receivedMs - endMs > p.maxLatencyMs) return Reason.late;
  if (qualityClass(cols.quality[i]!) < 0) return Reason.badQuality;
  const energyWh = cols.wh[i]! * cols.multiplier[i]!;
  if (energyWh < 0) return Reason.negative;
  const capIntervalWh = (cols.capacityWh[i]! * lengthMin) / 60;
  if (energyWh > p.unitRatio * capIntervalWh) return Reason.unit;
  if (energyWh > p.capacityFactor * capIntervalWh) return Reason.spike;
  return Reason.kept;
}

/** Status byte for reading i before dedupe: its rule reason and its quality class. */
export function initialStatus(cols: ReadingColumns, i: number, p: CleanParams): number {
  const q = qualityClass(cols.quality[i]!);
  return recordReason(cols, i, p) | ((q < 0 ? 0 : q) << STATUS_QUALITY_SHIFT);
}

/** The final reason of reading i from its status byte (a reading that lost dedupe is a duplicate). */
export function finalReason(status: number): number {
  return (status & STATUS_DUPLICATE) !== 0 ? Reason.duplicate : status & STATUS_REASON_MASK;
}
