// A block's hash and encoded size, computed once per block object (blocks are immutable once
// built or received); the memo may be shared among honest nodes through env.caches.blocks.

import type { Block, CryptoBackend, Hex } from '../contract/index.js';
import { canonicalJson, sha256Hex, utf8Bytes } from '../protocol/index.js';

export interface Sealed {
  readonly block: Block;
  readonly hash: Hex;
  readonly sizeBytes: number;
}

/** One sealer per shared memo and backend, so that nodes sharing a memo share the sealer too. */
const sharedSealers = new WeakMap<WeakMap<object, unknown>, Sealer>();

export class Sealer {
  static of(crypto: CryptoBackend, shared: WeakMap<object, unknown> | undefined): Sealer {
    if (shared === undefined) return new Sealer(crypto, undefined);
    const known = sharedSealers.get(shared);
    if (known !== undefined && known.crypto === crypto) return known;
    const sealer = new Sealer(crypto, shared);
    if (known === undefined) sharedSealers.set(shared, sealer);
    return sealer;
  }

  private readonly memo: WeakMap<object, unknown>;
  constructor(
    private readonly crypto: CryptoBackend,
    shared: WeakMap<object, unknown> | undefined,
  ) {
    this.memo = shared ?? new WeakMap();
  }

  seal(block: Block): Sealed {
    const known = this.memo.get(block) as Sealed | undefined;
    if (known) return known;
    const bytes = utf8Bytes(canonicalJson(block));
    const sealed: Sealed = { block, hash: sha256Hex(this.crypto, bytes), sizeBytes: bytes.length };
    this.memo.set(block, sealed);
    return sealed;
  }
}
