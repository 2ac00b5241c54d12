// A crypto-ahead batch in one buffer. Posting a Piscina task costs the main thread ~82 µs with
// seven typed arrays (each is cloned on its own) and ~35 µs with one (measured here with 64 jobs).
// Layout for n jobs: n Int32 slots, n Int32 words, n Int32 payload ends, n 32-byte keys (public
// keys to verify with, secret keys to sign with), n 64-byte signatures (verify batches only),
// then the payloads end to end.

export interface PackedBatch {
  readonly kind: 'verify' | 'sign';
  readonly count: number;
  readonly bytes: Uint8Array;
}

export interface BatchJob {
  readonly slot: number;
  readonly word: number;
  /** Public key (verify) or secret key (sign), 32 bytes. */
  readonly key: Uint8Array;
  /** Verify batches only. */
  readonly signature?: Uint8Array;
  readonly payload: Uint8Array;
}

export interface BatchView {
  readonly slots: Int32Array;
  readonly words: Int32Array;
  readonly ends: Int32Array;
  readonly keys: Uint8Array;
  /** Empty for sign batches. */
  readonly signatures: Uint8Array;
  readonly payloads: Uint8Array;
}

const sigBytes = (kind: PackedBatch['kind']): number => (kind === 'verify' ? 64 : 0);

export function packBatch(kind: PackedBatch['kind'], jobs: readonly BatchJob[]): PackedBatch {
  const n = jobs.length;
  let payloadBytes = 0;
  for (const j of jobs) payloadBytes += j.payload.length;
  const bytes = new Uint8Array(12 * n + (32 + sigBytes(kind)) * n + payloadBytes);
  const ints = new Int32Array(bytes.buffer, 0, 3 * n);
  let keyAt = 12 * n;
  let sigAt = keyAt + 32 * n;
  let at = sigAt + sigBytes(kind) * n;
  const payloadsAt = at;
  jobs.forEach((j, i) => {
    ints[i] = j.slot;
    ints[n + i] = j.word;
    bytes.set(j.key, keyAt);
    keyAt += 32;
    if (kind === 'verify') {
      bytes.set(j.signature as Uint8Array, sigAt);
      sigAt += 64;
    }
    bytes.set(j.payload, at);
    at += j.payload.length;
    ints[2 * n + i] = at - payloadsAt;
  });
  return { kind, count: n, bytes };
}

/** Views into a batch (no copies); `bytes` may sit at any 4-byte-aligned offset of its buffer. */
export function unpackBatch(b: PackedBatch): BatchView {
  const n = b.count;
  const base = b.bytes.byteOffset;
  const keysAt = 12 * n;
  const sigsAt = keysAt + 32 * n;
  const payloadsAt = sigsAt + sigBytes(b.kind) * n;
  return {
    slots: new Int32Array(b.bytes.buffer, base, n),
    words: new Int32Array(b.bytes.buffer, base + 4 * n, n),
    ends: new Int32Array(b.bytes.buffer, base + 8 * n, n),
    keys: b.bytes.subarray(keysAt, sigsAt),
    signatures: b.bytes.subarray(sigsAt, payloadsAt),
    payloads: b.bytes.subarray(payloadsAt),
  };
}
