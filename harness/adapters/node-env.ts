// Builds a NodeEnv from an InstanceSpec: the same code serves the in-process adapter and the
// example out-of-process adapter, so both inject identical keys, storage, rng and sharing data.

import type { NodeEnv, Rng, SecondaryRecord, SharingApi, Storage } from '../../contract/index.js';
import { createCryptoBackend, fromHex, keyPairFromSecret } from '../../protocol/index.js';
import type { InstanceSpec } from './adapter.js';

/** xorshift32 seeded from the spec: integer-only, identical on every machine. */
export function seededRng(seed: number): Rng {
  let state = (seed >>> 0) || 0x9e3779b9;
  return {
    nextU32(): number {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state;
    },
  };
}

export function memoryStorage(): Storage & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v) };
}

/** Answers `key=value` label queries from a fixed record list (SPEC SHARE-001 label form). */
export function fixedSharing(records: readonly SecondaryRecord[]): SharingApi {
  return {
    query(label: string): readonly SecondaryRecord[] {
      const eq = label.indexOf('=');
      if (eq <= 0) return [];
      const key = label.slice(0, eq);
      const value = label.slice(eq + 1);
      return records.filter((r) => r.labels[key] === value);
    },
  };
}

export function envFromSpec(spec: InstanceSpec): NodeEnv {
  const crypto = createCryptoBackend(spec.crypto ?? 'node');
  const keys = keyPairFromSecret(crypto, fromHex(spec.secretKey, 32));
  const base = { keys, crypto, storage: memoryStorage(), rng: seededRng(spec.rngSeed) };
  return spec.sharing ? { ...base, sharing: fixedSharing(spec.sharing) } : base;
}
