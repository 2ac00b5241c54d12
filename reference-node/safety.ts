// What a validator persists so a restart never signs against itself (SPEC CHAIN-011): the height,
// the highest round it started, its step and its lock. On restart it resumes at round + 1.

import type { Block } from '../contract/index.js';
import type { Consensus } from './consensus.js';
import type { Core } from './core.js';

export const SAFETY_KEY = 'raa/safety/v1';

export interface SafetyRecord {
  readonly height: number;
  readonly round: number;
  readonly step: string;
  readonly lockedRound: number;
  readonly lockedBlock: Block | null;
}

export function saveSafety(core: Core, c: Consensus): void {
  const record: SafetyRecord = {
    height: c.height,
    round: c.round,
    step: c.step,
    lockedRound: c.lockedRound,
    lockedBlock: c.lockedBlock?.block ?? null,
  };
  core.env.storage.set(SAFETY_KEY, JSON.stringify(record));
}

/** The persisted record, or null when absent or unreadable (a fresh node). */
export function loadSafety(core: Pick<Core, 'env'>): SafetyRecord | null {
  const text = core.env.storage.get(SAFETY_KEY);
  if (text === undefined) return null;
  try {
    const r = JSON.parse(text) as SafetyRecord;
    return Number.isSafeInteger(r.height) && Number.isSafeInteger(r.round) ? r : null;
  } catch {
    return null;
  }
}
