// A block's hash and encoded size, computed once per block object (blocks are immutable once
// built or received); the memo may be shared among honest nodes through env.caches.blocks.

import type { Block, CryptoBackend, Effect, Hex } from '../contract/index.js';
import { canonicalJson, sha256Hex, utf8Bytes } from '../protocol/index.js';

export interface Sealed {
  readonly block: Block;
  readonly hash: Hex;
  readonly sizeBytes: number;
  /** The effect every node that commits the block reports: one frozen object, not one each. */
  readonly committed: Extract<Effect, { type: 'committed' }>;
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
    const hash = sha256Hex(this.crypto, bytes);
    const sealed: Sealed = { block, hash, sizeBytes: bytes.length, committed: Object.freeze({ type: 'committed', height: block.height, hash, block }) };
    this.memo.set(block, sealed);
    return sealed;
  }
}
