// The shared slot table of the verify-ahead pool. A slot word is (generation << 2 | state): the
// generation changes each time the ring wraps, so a late worker can never write a verdict into
// a slot that has been reused for another signature.

export const enum SlotState {
  Pending = 0,
  Working = 1,
  Ok = 2,
  Bad = 3,
}

/** A batch as typed arrays (structured-clone cheap): signature i is keys[32i..], payloads[ends[i-1]..ends[i]]. */
export interface VerifyBatch {
  readonly slots: Int32Array;
  readonly words: Int32Array;
  readonly keys: Uint8Array;
  readonly signatures: Uint8Array;
  readonly payloads: Uint8Array;
  readonly ends: Int32Array;
}
