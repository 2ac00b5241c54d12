// Removal precision and recall of a cleaning run against the generator's ground truth.

import { finalReason, Reason } from '../adapters/reference.js';
import { DEFECT_NAMES, DefectKind, EXPECTED_REASON } from './defects.js';

export interface Accuracy {
  readonly precision: number;
  readonly recall: number;
  readonly truePositives: number;
  readonly removed: number;
  readonly defects: number;
  /** Removed defects whose reason is not the one their kind should get. */
  readonly wrongReason: number;
}

export function accuracy(status: Uint8Array, truth: Uint8Array, count: number): Accuracy {
  const expected = new Int16Array(256).fill(-1);
  for (const name of DEFECT_NAMES) expected[DefectKind[name]] = EXPECTED_REASON[name];
  let tp = 0;
  let removed = 0;
  let defects = 0;
  let wrongReason = 0;
  for (let i = 0; i < count; i++) {
    const reason = finalReason(status[i]!);
    const kind = truth[i]!;
    const isRemoved = reason !== Reason.kept;
    if (isRemoved) removed++;
    if (kind !== DefectKind.none) {
      defects++;
      if (isRemoved) {
        tp++;
        if (reason !== expected[kind]) wrongReason++;
      }
    }
  }
  return {
    precision: removed === 0 ? 1 : tp / removed,
    recall: defects === 0 ? 1 : tp / defects,
    truePositives: tp,
    removed,
    defects,
    wrongReason,
  };
}
