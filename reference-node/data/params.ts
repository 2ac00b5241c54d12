// Validity-rule parameters (SPEC DATA/CLEAN families) and the reason codes cleaning assigns.
// Every rule has one named parameter with a documented default; see SPEC.md §10.

export interface CleanParams {
  /** CLEAN-003/004: the only interval length accepted, and the start grid, in minutes. */
  readonly intervalMinutes: number;
  /** CLEAN-005: a reading may be received at most this long before its interval ends. */
  readonly futureToleranceMs: number;
  /** CLEAN-006: a reading received later than this after its interval ended is out of order. */
  readonly maxLatencyMs: number;
  /** CLEAN-010: energy above capacity × this factor (per interval) is a spike. */
  readonly capacityFactor: number;
  /** CLEAN-009: energy above capacity × this ratio (per interval) is a unit/multiplier error. */
  readonly unitRatio: number;
  /** CLEAN-011: this many or more consecutive zero readings are a stuck meter. */
  readonly zeroRunMin: number;
  /** CLEAN-012: bid prices must lie in [bidPriceMin, bidPriceMax] (EUR/MWh). */
  readonly bidPriceMin: number;
  readonly bidPriceMax: number;
  /** CLEAN-012: at most this many steps per bid curve. */
  readonly bidStepsMax: number;
  /** Above this many grid cells (meters × slots) cleaning sorts instead of addressing directly. */
  readonly gridCellsMax: number;
}

export const DEFAULT_CLEAN_PARAMS: CleanParams = Object.freeze({
  intervalMinutes: 15,
  futureToleranceMs: 5 * 60_000,
  maxLatencyMs: 3 * 86_400_000,
  capacityFactor: 1,
  unitRatio: 50,
  zeroRunMin: 4,
  bidPriceMin: -500,
  bidPriceMax: 3000,
  bidStepsMax: 10,
  gridCellsMax: 1 << 26,
});

/** Why cleaning removed a record (0 = kept). Stored in a Uint8Array, one per reading. */
export const Reason = {
  kept: 0,
  duplicate: 1,
  intervalLength: 2,
  misaligned: 3,
  future: 4,
  late: 5,
  badQuality: 6,
  negative: 7,
  unit: 8,
  spike: 9,
  zeroRun: 10,
} as const;
export type ReasonCode = (typeof Reason)[keyof typeof Reason];

export const REASON_NAMES: readonly string[] = [
  'kept',
  'duplicate',
  'interval-length',
  'misaligned',
  'future',
  'late',
  'bad-quality',
  'negative',
  'unit',
  'spike',
  'zero-run',
];

/** Green Button quality codes accepted (DATA-004, CLEAN-007): 0 valid, 8/9 estimated, 10 questionable, 14 raw. */
export function qualityClass(code: number): 0 | 1 | 2 | -1 {
  if (code === 0) return 0;
  if (code === 8 || code === 9) return 1;
  if (code === 10 || code === 14) return 2;
  return -1;
}
