// A block's canonical JSON, encoded once by the harness for two uses: the engine sizes the
// proposal or COMMIT that first carries the block, and the harness hashes the same text (for the
// consensus-vote forecast when it is proposed, for the chain auditor when it commits). Each 1 MiB
// region block used to be encoded three times (JSON.stringify for the size, the node's own
// sealing, the auditor's hash); the node still seals it itself.
// The text is the harness's own encoding of the block object, never anything a node computed.

import type { Block, CryptoBackend, Hex } from '../../contract/index.js';
import { canonicalJson, sha256Hex, utf8Bytes } from '../../protocol/index.js';

/** Held until the block is hashed (blockHashOf), or until the block object is gone. */
const texts = new WeakMap<Block, string>();
const lengths = new WeakMap<Block, number>();

/**
 * Length of the block's canonical JSON in UTF-16 code units, which is JSON.stringify's length
 * for protocol objects (RFC 8785 only orders keys, and the protocol's numbers are integers).
 */
export function blockJsonLength(block: Block): number {
  let n = lengths.get(block);
  if (n === undefined) {
    const text = canonicalJson(block);
    n = text.length;
    lengths.set(block, n);
    texts.set(block, text);
  }
  return n;
}

/** The block's canonical JSON, encoded here if the engine never sized it; forgotten after (the
 *  hash is what stays). */
export function takeBlockText(block: Block): string {
  const text = texts.get(block);
  if (text === undefined) return canonicalJson(block);
  texts.delete(block);
  return text;
}

/** Harness hashes by backend, then block object: a block is hashed once, then its text dropped. */
const hashes = new WeakMap<CryptoBackend, WeakMap<Block, Hex>>();

/** SHA-256 of the block's canonical JSON as the harness computes it (never a node's claim). */
export function blockHashOf(block: Block, crypto: CryptoBackend): Hex {
  let byBlock = hashes.get(crypto);
  if (byBlock === undefined) hashes.set(crypto, (byBlock = new WeakMap()));
  let hash = byBlock.get(block);
  if (hash === undefined) {
    hash = sha256Hex(crypto, utf8Bytes(takeBlockText(block)));
    byBlock.set(block, hash);
  }
  return hash;
}
