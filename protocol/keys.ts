// Deterministic key derivation for harness-made identities: the same seed gives the same keys
// on every machine, so a scenario's head hash does not depend on where it ran.

import type { CryptoBackend, KeyPair } from '../contract/index.js';
import { toHex } from './encoding.js';

const encoder = new TextEncoder();

export function keyPairFromSecret(crypto: CryptoBackend, secretKey: Uint8Array): KeyPair {
  return { secretKey, publicKey: toHex(crypto.publicKeyOf(secretKey)) };
}

/** Secret key = SHA-256("raa-bench/key/v1/<namespace>/<index>"). */
export function deriveKeyPair(crypto: CryptoBackend, namespace: string, index: number): KeyPair {
  const secret = crypto.sha256(encoder.encode(`raa-bench/key/v1/${namespace}/${index}`));
  return keyPairFromSecret(crypto, secret);
}
