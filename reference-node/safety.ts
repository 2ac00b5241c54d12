// What a validator persists so a restart never signs against itself (SPEC CHAIN-011): the height,
// the highest round it started, its step and its lock. On restart it resumes at round + 1.
// The lock (a whole block) is written only when it changes; the position on every step.

import type { Block, Hex } from '../contract/index.js';
import type { Consensus } from './consensus.js';
import type { Core } from './core.js';

export const SAFETY_KEY = 'raa/safety/v1';
export const LOCK_KEY = 'raa/safety/lock/v1';

export interface SafetyRecord {
  readonly height: number;
  readonly round: number;
  readonly step: string;
  readonly lockedRound: number;
  readonly lockedBlock: Block | null;
}

interface LockRecord {
  readonly height: number;
  readonly lockedRound: number;
  readonly lockedBlock: Block | null;
}

export function saveSafety(core: Core, c: Consensus): void {
  const storage = core.env.storage;
  const lockId: string = `${c.height}:${c.lockedRound}:${(c.lockedBlock?.hash ?? '') as Hex}`;
  if (core.savedLockId !== lockId) {
    // A locked block may be 1 MiB of JSON, and every validator of the height locks the same one.
    const memo = core.memo();
    if (memo.lockText?.id !== lockId) {
      const lock: LockRecord = { height: c.height, lockedRound: c.lockedRound, lockedBlock: c.lockedBlock?.block ?? null };
      memo.lockText = { id: lockId, text: JSON.stringify(lock) };
    }
    storage.set(LOCK_KEY, memo.lockText.text);
    core.savedLockId = lockId;
  }
  storage.set(SAFETY_KEY, `{"height":${c.height},"round":${c.round},"step":"${c.step}"}`);
}

/** The persisted record, or null when absent or unreadable (a fresh node). */
export function loadSafety(core: Pick<Core, 'env'>): SafetyRecord | null {
  const text = core.env.storage.get(SAFETY_KEY);
  if (text === undefined) return null;
  try {
    const r = JSON.parse(text) as { height: number; round: number; step: string };
    if (!Number.isSafeInteger(r.height) || !Number.isSafeInteger(r.round)) return null;
    const lockText = core.env.storage.get(LOCK_KEY);
    const lock = lockText === undefined ? null : (JSON.parse(lockText) as LockRecord);
    const locked = lock !== null && lock.height === r.height;
    return { ...r, lockedRound: locked ? lock.lockedRound : -1, lockedBlock: locked ? lock.lockedBlock : null };
  } catch {
    return null;
  }
}
