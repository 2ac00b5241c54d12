// Signature checks over the protocol's signing payloads, with an optional verdict cache the
// environment may share among honest nodes (design §3): a verdict is a pure function of
// (public key, payload, signature), so the cache key holds all three.

import type { CryptoBackend, Hex, SharedCaches } from '../contract/index.js';
import { fromHex } from '../protocol/index.js';

const decoder = new TextDecoder();

export class Verifier {
  constructor(
    private readonly crypto: CryptoBackend,
    private readonly verdicts: Map<string, boolean> | undefined,
  ) {}

  static from(crypto: CryptoBackend, caches: SharedCaches | undefined): Verifier {
    return new Verifier(crypto, caches?.verdicts);
  }

  verify(publicKey: Hex, payload: Uint8Array, signature: Hex): boolean {
    const cacheKey = this.verdicts ? `${publicKey}${signature}${decoder.decode(payload)}` : '';
    const cached = this.verdicts?.get(cacheKey);
    if (cached !== undefined) return cached;
    let ok: boolean;
    try {
      ok = this.crypto.verify(fromHex(publicKey, 32), payload, fromHex(signature, 64));
    } catch {
      ok = false; // malformed hex is a bad signature, not a crash
    }
    this.verdicts?.set(cacheKey, ok);
    return ok;
  }
}
