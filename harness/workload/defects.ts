// Defect kinds the DR data generator injects, their default rates, and the cleaning reason
// each one must produce (the ground truth that precision and recall are computed against).

import { Reason } from '../adapters/reference.js';

export const DefectKind = {
  none: 0,
  exactDuplicate: 1,
  resentDuplicate: 2,
  spike: 3,
  negative: 4,
  zeroRun: 5,
  future: 6,
  outOfOrder: 7,
  intervalLength: 8,
  unit: 9,
} as const;
export type DefectKindCode = (typeof DefectKind)[keyof typeof DefectKind];
export type DefectName = Exclude<keyof typeof DefectKind, 'none'>;

export const DEFECT_NAMES = Object.keys(DefectKind).filter((k) => k !== 'none') as DefectName[];

/** Expected cleaning reason for each defect kind. */
export const EXPECTED_REASON: Readonly<Record<DefectName, number>> = {
  exactDuplicate: Reason.duplicate,
  resentDuplicate: Reason.duplicate,
  spike: Reason.spike,
  negative: Reason.negative,
  zeroRun: Reason.zeroRun,
  future: Reason.future,
  outOfOrder: Reason.late,
  intervalLength: Reason.intervalLength,
  unit: Reason.unit,
};

/** Per base slot (zeroRun: per slot, a run of 4–8 starts); gap: share of slots left empty. */
export interface DefectRates {
  readonly exactDuplicate: number;
  readonly resentDuplicate: number;
  readonly gap: number;
  readonly spike: number;
  readonly negative: number;
  readonly zeroRun: number;
  readonly future: number;
  readonly outOfOrder: number;
  readonly intervalLength: number;
  readonly unit: number;
  /** Per bid curve. */
  readonly bidNonMonotone: number;
  readonly bidOutOfRange: number;
}

export const DEFAULT_DEFECT_RATES: DefectRates = Object.freeze({
  exactDuplicate: 0.005,
  resentDuplicate: 0.005,
  gap: 0.01,
  spike: 0.002,
  negative: 0.002,
  zeroRun: 0.001,
  future: 0.001,
  outOfOrder: 0.001,
  intervalLength: 0.001,
  unit: 0.001,
  bidNonMonotone: 0.01,
  bidOutOfRange: 0.01,
});

/** Single-slot kinds in the order their rates are laid on [0, 1). */
export const SLOT_KINDS: readonly DefectName[] = ['spike', 'negative', 'future', 'outOfOrder', 'intervalLength', 'unit'];
