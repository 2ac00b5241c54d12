// @noble backend: pure JS, ~10x slower at Ed25519 than node:crypto; same keys and signatures,
// and the same verdicts but on signatures whose R or A has a torsion component (SPEC §3).

import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CryptoBackend } from '../../contract/index.js';
import { strictPointsOk } from './strict-points.js';

export function createNobleBackend(): CryptoBackend {
  return {
    name: '@noble',
    sha256: (data) => sha256(data),
    publicKeyOf: (secretKey) => ed25519.getPublicKey(secretKey),
    sign: (secretKey, data) => ed25519.sign(data, secretKey),
    verify(publicKey, data, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      if (!strictPointsOk(publicKey, signature)) return false; // as libsodium (SPEC §3)
      try {
        // zip215: false: canonical encodings and S < L, as RFC 8032 (noble's equation is cofactored).
        return ed25519.verify(signature, data, publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}
