// The point checks of SPEC §3 that OpenSSL lacks, as libsodium makes them: the 7 encodings of the
// eight small-order points of edwards25519 (ge25519_has_small_order), refused as public key A and
// as signature R (a key A of small order lets anyone "sign" for it: with R = identity and S = 0,
// SB − hA is the identity), and non-canonical encodings of A, y ≥ p (ge25519_is_canonical).

const BLOCKLIST: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000', // 0 (order 4)
  '0100000000000000000000000000000000000000000000000000000000000000', // 1 (order 1)
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p − 1 (order 2)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p, i.e. 0 (order 4)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p + 1, i.e. 1 (order 1)
].map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));

/** True when the 32 bytes at `offset` encode a small-order point (the sign bit is ignored). */
export function hasSmallOrder(bytes: Uint8Array, offset = 0): boolean {
  for (const bad of BLOCKLIST) {
    let diff = ((bytes[offset + 31] as number) & 0x7f) ^ (bad[31] as number);
    for (let j = 0; j < 31 && diff === 0; j++) diff |= (bytes[offset + j] as number) ^ (bad[j] as number);
    if (diff === 0) return true;
  }
  return false;
}

/** True when the 32 bytes at `offset` encode y < p = 2^255 − 19 (the sign bit is ignored). */
export function isCanonicalPoint(bytes: Uint8Array, offset = 0): boolean {
  if (((bytes[offset + 31] as number) & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (bytes[offset + i] !== 0xff) return true;
  return (bytes[offset] as number) < 0xed;
}

/** SPEC §3's checks on A and R before the equation. */
export function strictPointsOk(publicKey: Uint8Array, signature: Uint8Array): boolean {
  return isCanonicalPoint(publicKey) && !hasSmallOrder(publicKey) && !hasSmallOrder(signature);
}
