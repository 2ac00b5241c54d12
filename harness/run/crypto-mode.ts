// `--crypto real|simulated` → the base CryptoBackend of a run.

import type { CryptoBackend } from '../../contract/index.js';
import { createSimulatedCryptoBackend } from '../sim/crypto.js';
import { createJwkEd25519Backend } from '../sim/ed25519-jwk.js';

export type CryptoMode = 'real' | 'simulated';

export function cryptoBackendFor(mode: CryptoMode): CryptoBackend {
  return mode === 'simulated' ? createSimulatedCryptoBackend() : createJwkEd25519Backend();
}
