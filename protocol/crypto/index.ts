import type { CryptoBackend } from '../../contract/index.js';
import { createNobleBackend } from './noble.js';
import { createNodeCryptoBackend } from './node-crypto.js';

export type CryptoBackendName = 'node' | 'noble';
export const CRYPTO_BACKENDS: readonly CryptoBackendName[] = ['node', 'noble'];

export function createCryptoBackend(name: CryptoBackendName = 'node'): CryptoBackend {
  return name === 'noble' ? createNobleBackend() : createNodeCryptoBackend();
}
export { createNobleBackend, createNodeCryptoBackend };
