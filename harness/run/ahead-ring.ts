// The shared slot table of the crypto-ahead pool (crypto-ahead.ts). A slot word is
// (generation << 2 | state): the generation changes each time the ring wraps, so a late worker
// can never write a result into a slot that has been reused for another job. Whoever moves a
// slot from Pending to Working (a worker, or the main thread when it gets there first) does
// the job, so no job is done twice.

export const enum SlotState {
  Pending = 0,
  Working = 1,
  Ok = 2,
  Bad = 3,
}

/** Longest the main thread waits for a job a worker is doing before doing it itself. */
const WORKER_WAIT_MS_MAX = 5_000;

export interface RingSlot {
  readonly slot: number;
  readonly word: number;
}

/** Who did a job the main thread asked for. */
export type Taken = 'worker' | 'main' | 'unknown';

/**
 * Job keys are non-negative numbers below 2^53 (job-keys.ts), not strings: a 64- to
 * 232-character key had to be built, hashed and compared on every lookup, ~7 µs each in the
 * region run. Two jobs may share a key; the second is then not queued, and take() checks a
 * job's inputs before using its result.
 */
export class AheadRing<J> {
  readonly state: Int32Array;
  private readonly jobs = new Map<number, RingSlot & { readonly job: J }>();
  /** Key of the job in each slot; −1 when none. */
  private readonly keyOfSlot: Float64Array;
  private seq = 0;

  constructor(readonly slots: number) {
    this.state = new Int32Array(new SharedArrayBuffer(slots * 4));
    this.keyOfSlot = new Float64Array(slots).fill(-1);
  }

  /** Jobs queued and not yet taken or forgotten. */
  get queued(): number {
    return this.jobs.size;
  }

  /** Queues a job under `key`; null when one is already queued (a resent message). */
  add(key: number, job: J): RingSlot | null {
    return this.place(key, job, SlotState.Pending);
  }

  /** Records a job a worker already did (its result came with another job's): take() then
   *  answers 'worker' with `ok`. False when one is already queued under `key`. */
  addDone(key: number, job: J, ok: boolean): boolean {
    return this.place(key, job, ok ? SlotState.Ok : SlotState.Bad) !== null;
  }

  private place(key: number, job: J, state: SlotState): RingSlot | null {
    if (key < 0 || this.jobs.has(key)) return null;
    const slot = this.seq % this.slots;
    const word = (((Math.floor(this.seq / this.slots) + 1) & 0x1fffffff) << 2) >>> 0;
    this.seq += 1;
    const old = this.keyOfSlot[slot] as number;
    if (old !== -1) this.jobs.delete(old); // forgotten: the main thread will do it if asked
    this.keyOfSlot[slot] = key;
    Atomics.store(this.state, slot, word | state);
    const entry = { slot, word, job };
    this.jobs.set(key, entry);
    return entry;
  }

  /**
   * The main thread needs the job under `key` (if `matches` its inputs): 'worker' when a worker
   * did it (waiting if it is at it), 'main' when the caller must do it now, 'unknown' when it was
   * never queued. `ok` is the slot's final state for 'worker'.
   */
  take(key: number, matches: (job: J) => boolean): { taken: Taken; slot: number; ok: boolean } {
    const e = this.jobs.get(key);
    if (e === undefined || !matches(e.job)) return { taken: 'unknown', slot: -1, ok: false };
    this.jobs.delete(key);
    this.keyOfSlot[e.slot] = -1;
    const pending = e.word | SlotState.Pending;
    const working = e.word | SlotState.Working;
    const seen = Atomics.compareExchange(this.state, e.slot, pending, working);
    if (seen === pending) return { taken: 'main', slot: e.slot, ok: false };
    // A worker at it finishes in well under a millisecond; the bound only guards a dead worker.
    if (seen === working) Atomics.wait(this.state, e.slot, working, WORKER_WAIT_MS_MAX);
    const now = Atomics.load(this.state, e.slot);
    if (now === (e.word | SlotState.Ok) || now === (e.word | SlotState.Bad)) return { taken: 'worker', slot: e.slot, ok: now === (e.word | SlotState.Ok) };
    return { taken: 'main', slot: e.slot, ok: false };
  }
}
