import type { CryptoBackend } from '../../contract/index.js';
import { createNobleBackend } from './noble.js';
import { createNodeCryptoBackend } from './node-crypto.js';
import { createSodiumBackend, hasKnownKeyPairs, type KnownKeyPairs } from './sodium.js';

export type CryptoBackendName = 'node' | 'noble' | 'sodium';
export const CRYPTO_BACKENDS: readonly CryptoBackendName[] = ['node', 'noble', 'sodium'];

export function createCryptoBackend(name: CryptoBackendName = 'node'): CryptoBackend {
  if (name === 'noble') return createNobleBackend();
  return name === 'sodium' ? createSodiumBackend() : createNodeCryptoBackend();
}
export { createNobleBackend, createNodeCryptoBackend, createSodiumBackend, hasKnownKeyPairs, type KnownKeyPairs };
