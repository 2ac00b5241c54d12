// `--crypto real|simulated` → the base CryptoBackend of a run.

import type { CryptoBackend } from '../../contract/index.js';
import { createSodiumBackend } from '../../protocol/index.js';
import { createSimulatedCryptoBackend } from '../sim/crypto.js';

export type CryptoMode = 'real' | 'simulated';

export function cryptoBackendFor(mode: CryptoMode): CryptoBackend {
  return mode === 'simulated' ? createSimulatedCryptoBackend() : createSodiumBackend();
}
