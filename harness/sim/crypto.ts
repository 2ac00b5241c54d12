// Crypto seen by simulated nodes: a counting wrapper (so node work costs virtual time) and the
// `--crypto simulated` backend: keyed-hash "signatures" that are cheap to compute. Simulated
// signatures are NOT secure (anyone holding the public key can make one); every report labels
// them. Bit flips and wrong keys are still rejected, which is what the Byzantine tests need.

import { createHash, createHmac } from 'node:crypto';
import type { CryptoBackend, SharedCaches } from '../../contract/index.js';

const PK_DOMAIN = Buffer.from('raa-bench/simulated-pk/v1');

/** HMAC-SHA256(key = SHA-256(publicKey), data), repeated to 64 bytes. */
export function createSimulatedCryptoBackend(): CryptoBackend {
  const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());
  const macKey = (publicKey: Uint8Array): Buffer => createHash('sha256').update(publicKey).digest();
  const mac = (publicKey: Uint8Array, data: Uint8Array): Uint8Array => {
    const h = createHmac('sha256', macKey(publicKey)).update(data).digest();
    const out = new Uint8Array(64);
    out.set(h, 0);
    out.set(h, 32);
    return out;
  };
  const publicKeyOf = (secretKey: Uint8Array): Uint8Array =>
    new Uint8Array(createHash('sha256').update(PK_DOMAIN).update(secretKey).digest());
  return {
    name: 'simulated-hmac-sha256',
    sha256,
    publicKeyOf,
    sign: (secretKey, data) => mac(publicKeyOf(secretKey), data),
    verify(publicKey, data, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      const expected = mac(publicKey, data);
      let diff = 0;
      for (let i = 0; i < 64; i++) diff |= (expected[i] as number) ^ (signature[i] as number);
      return diff === 0;
    },
  };
}

/** Operation counts since the counter was created; the engine charges differences per handle. */
export interface CryptoCounts {
  verifies: number;
  signs: number;
  hashes: number;
  hashedBytes: number;
  verdictHits: number;
  verdictMisses: number;
}

export function newCryptoCounts(): CryptoCounts {
  return { verifies: 0, signs: 0, hashes: 0, hashedBytes: 0, verdictHits: 0, verdictMisses: 0 };
}

export function countingCrypto(inner: CryptoBackend, counts: CryptoCounts): CryptoBackend {
  return {
    name: inner.name,
    sha256(data) {
      counts.hashes += 1;
      counts.hashedBytes += data.length;
      return inner.sha256(data);
    },
    publicKeyOf: (secretKey) => inner.publicKeyOf(secretKey),
    sign(secretKey, data) {
      counts.signs += 1;
      return inner.sign(secretKey, data);
    },
    verify(publicKey, data, signature) {
      counts.verifies += 1;
      return inner.verify(publicKey, data, signature);
    },
  };
}

/** A verdict map that counts hits, so shared verdicts are charged as verifications. */
class CountingVerdicts extends Map<string, boolean> {
  constructor(private readonly counts: CryptoCounts) {
    super();
  }
  override get(key: string): boolean | undefined {
    const v = super.get(key);
    if (v === undefined) this.counts.verdictMisses += 1;
    else this.counts.verdictHits += 1;
    return v;
  }
}

/** Bound on shared derived-state entries; cleared when full (entries are pure, so refillable). */
export const DERIVED_ENTRIES_MAX = 200_000;
export const VERDICT_ENTRIES_MAX = 4_000_000;

export interface SimCaches {
  readonly caches: SharedCaches;
  readonly verdicts: Map<string, boolean>;
  readonly derived: Map<string, unknown>;
  /** Keeps the maps bounded; called by the engine between events. */
  trim(): void;
}

/** One set per implementation: verdicts are shared only among nodes of one implementation. */
export function createSimCaches(counts: CryptoCounts): SimCaches {
  const verdicts = new CountingVerdicts(counts);
  const derived = new Map<string, unknown>();
  const blocks = new WeakMap<object, unknown>();
  return {
    caches: { verdicts, derived, blocks },
    verdicts,
    derived,
    trim() {
      if (verdicts.size > VERDICT_ENTRIES_MAX) verdicts.clear();
      if (derived.size > DERIVED_ENTRIES_MAX) derived.clear();
    },
  };
}
