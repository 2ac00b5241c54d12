// node:crypto backend. KeyObjects are cached per key: building one per call costs ~43%.

import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { CryptoBackend } from '../../contract/index.js';
import { bytesKey } from '../encoding.js';
import { strictPointsOk } from './strict-points.js';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** Bound on cached KeyObjects per backend instance; the cache is cleared when full. */
const KEY_CACHE_ENTRIES_MAX = 200_000;


/** JWK import requires an `x`; OpenSSL derives the real one from `d` and ignores this one. */
const PLACEHOLDER_X = 'A'.repeat(43);
const b64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

export interface NodeCryptoOptions {
  /**
   * How raw keys become KeyObjects. Same signatures and verdicts either way; OpenSSL 3's DER
   * decoders cost ~1.5 ms (PKCS#8) / ~280 µs (SPKI) per key here against ~130 / ~40 µs for JWK,
   * which matters when a 10,000-member scenario imports every key.
   */
  readonly keyImport?: 'der' | 'jwk';
}

export function createNodeCryptoBackend(options: NodeCryptoOptions = {}): CryptoBackend {
  const jwk = options.keyImport === 'jwk';
  const publicKeys = new Map<string, KeyObject>();
  const privateKeys = new Map<string, KeyObject>();

  function cached(cache: Map<string, KeyObject>, bytes: Uint8Array, make: () => KeyObject): KeyObject {
    const id = bytesKey(bytes);
    let key = cache.get(id);
    if (key === undefined) {
      if (cache.size >= KEY_CACHE_ENTRIES_MAX) cache.clear();
      key = make();
      cache.set(id, key);
    }
    return key;
  }
  const pub = (raw: Uint8Array): KeyObject =>
    cached(publicKeys, raw, () =>
      jwk
        ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw) }, format: 'jwk' })
        : createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }),
    );
  const priv = (seed: Uint8Array): KeyObject =>
    cached(privateKeys, seed, () =>
      jwk
        ? createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(seed), x: PLACEHOLDER_X }, format: 'jwk' })
        : createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
    );

  return {
    name: 'node:crypto',
    sha256(data) {
      return new Uint8Array(createHash('sha256').update(data).digest());
    },
    publicKeyOf(secretKey) {
      const der = createPublicKey(priv(secretKey)).export({ format: 'der', type: 'spki' });
      return new Uint8Array(der.subarray(SPKI_PREFIX.length));
    },
    sign(secretKey, data) {
      return new Uint8Array(sign(null, data, priv(secretKey)));
    },
    verify(publicKey, data, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      if (!strictPointsOk(publicKey, signature)) return false; // OpenSSL accepts these (SPEC §3)
      try {
        return verify(null, data, pub(publicKey), signature);
      } catch {
        return false; // a point that does not decode is a bad key, not a crash
      }
    },
  };
}
