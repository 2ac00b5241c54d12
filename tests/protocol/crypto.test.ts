// One suite, every backend (as noble's tests do): adding a backend adds rows, not code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import type { CryptoBackend } from '../../contract/index.js';
import { CRYPTO_BACKENDS, createCryptoBackend, createSodiumBackend, deriveKeyPair, fromHex, toHex } from '../../protocol/index.js';
import { hasSmallOrder, isCanonicalPoint } from '../../protocol/crypto/strict-points.js';

const enc = new TextEncoder();
// RFC 8032 §7.1 test 1 and FIPS 180-2 "abc".
const RFC_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIG =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

for (const name of CRYPTO_BACKENDS) {
  const c = createCryptoBackend(name);
  test(`${name}: SHA-256 known answer`, () => {
    assert.is(toHex(c.sha256(enc.encode('abc'))), ABC_SHA256);
  });
  test(`${name}: Ed25519 RFC 8032 vector (public key, signature, verify)`, () => {
    const secret = fromHex(RFC_SECRET, 32);
    assert.is(toHex(c.publicKeyOf(secret)), RFC_PUBLIC);
    assert.is(toHex(c.sign(secret, new Uint8Array(0))), RFC_SIG);
    assert.ok(c.verify(fromHex(RFC_PUBLIC), new Uint8Array(0), fromHex(RFC_SIG)));
  });
  test(`${name}: rejects a flipped bit, a wrong key and malformed lengths without throwing`, () => {
    const k = deriveKeyPair(c, 'test', 1);
    const other = deriveKeyPair(c, 'test', 2);
    const msg = enc.encode('vote');
    const sig = c.sign(k.secretKey, msg);
    assert.ok(c.verify(fromHex(k.publicKey), msg, sig));
    const bad = sig.slice();
    bad[5] = (bad[5] ?? 0) ^ 1;
    assert.not.ok(c.verify(fromHex(k.publicKey), msg, bad));
    assert.not.ok(c.verify(fromHex(other.publicKey), msg, sig));
    assert.not.ok(c.verify(fromHex(k.publicKey), msg, sig.slice(0, 63)));
    assert.not.ok(c.verify(new Uint8Array(31), msg, sig));
    assert.not.ok(c.verify(new Uint8Array(32).fill(0xff), msg, sig));
  });
}

// SPEC §3 strict verification, on signatures an attacker or an odd signer can make.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const le = (bytes: Uint8Array): bigint => bytes.reduceRight((n, b) => (n << 8n) | BigInt(b), 0n);
const le32 = (n: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 255n));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const sha512 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha512').update(data).digest());
const IDENTITY = fromHex('01' + '00'.repeat(31));

for (const name of CRYPTO_BACKENDS) {
  const c = createCryptoBackend(name);
  const msg = enc.encode('any message');
  test(`${name}: refuses a small-order public key (anyone could sign for it)`, () => {
    // A = identity, R = identity, S = 0: SB - hA = identity = R, which OpenSSL alone accepts.
    assert.not.ok(c.verify(IDENTITY, msg, concat(IDENTITY, new Uint8Array(32))));
  });
  test(`${name}: refuses a small-order R, even from the key's holder`, () => {
    const seed = fromHex('42'.repeat(32));
    const h = sha512(seed);
    h[0] = (h[0] as number) & 248;
    h[31] = ((h[31] as number) & 127) | 64;
    const a = le(h.subarray(0, 32));
    const A = c.publicKeyOf(seed);
    const k = le(sha512(concat(IDENTITY, A, msg))) % L;
    // R = identity and S = k·a: SB = kA, so R + kA = SB holds; libsodium refuses R of small order.
    assert.not.ok(c.verify(A, msg, concat(IDENTITY, le32((k * a) % L))));
  });
  test(`${name}: refuses a non-canonical S (S + L)`, () => {
    const seed = fromHex('07'.repeat(32));
    const sig = c.sign(seed, msg);
    const s = le(sig.subarray(32)) + L;
    assert.ok(c.verify(c.publicKeyOf(seed), msg, sig));
    assert.not.ok(c.verify(c.publicKeyOf(seed), msg, concat(sig.subarray(0, 32), le32(s))));
  });
}

test('the point checks: the 7 small-order encodings with either sign bit; y < p is canonical', () => {
  const small = [
    '00'.repeat(32),
    '01' + '00'.repeat(31),
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'ec' + 'ff'.repeat(30) + '7f',
    'ed' + 'ff'.repeat(30) + '7f',
    'ee' + 'ff'.repeat(30) + '7f',
  ];
  for (const hex of small) {
    const p = fromHex(hex);
    assert.ok(hasSmallOrder(p), hex);
    p[31] = (p[31] as number) | 0x80;
    assert.ok(hasSmallOrder(p), `${hex} with the sign bit`);
  }
  const key = fromHex(deriveKeyPair(createCryptoBackend('node'), 'points', 1).publicKey);
  assert.not.ok(hasSmallOrder(key));
  assert.ok(isCanonicalPoint(key));
  assert.ok(isCanonicalPoint(fromHex('ec' + 'ff'.repeat(30) + '7f')), 'p - 1');
  assert.not.ok(isCanonicalPoint(fromHex('ed' + 'ff'.repeat(30) + '7f')), 'p');
  assert.not.ok(isCanonicalPoint(fromHex('ff'.repeat(32))), '2^255 - 1 with the sign bit');
  assert.ok(isCanonicalPoint(fromHex('ff'.repeat(31) + '7e')), 'below p in the top byte');
});

test('libsodium signs the same bytes with a remembered key pair as with one it derives', () => {
  const derived = createSodiumBackend();
  const remembered = createSodiumBackend();
  const payload = new TextEncoder().encode('{"type":"VOTE"}');
  for (let i = 0; i < 8; i++) {
    const k = deriveKeyPair(derived, 'remembered', i);
    remembered.rememberKeyPair(k.secretKey, fromHex(k.publicKey, 32));
    const sig = remembered.sign(k.secretKey, payload);
    assert.is(toHex(sig), toHex(derived.sign(k.secretKey, payload)), `key ${i}`);
    assert.ok(derived.verify(fromHex(k.publicKey, 32), payload, sig));
  }
});

test('backends agree on hashes, keys, signatures and verdicts for many inputs', () => {
  const [a, ...others] = CRYPTO_BACKENDS.map((n) => createCryptoBackend(n));
  for (const b of others) agree(a as CryptoBackend, b);
});

function agree(a: CryptoBackend, b: CryptoBackend): void {
  for (let i = 0; i < 40; i++) {
    const data = enc.encode('x'.repeat(i * 37));
    assert.is(toHex(a.sha256(data)), toHex(b.sha256(data)));
    const ka = deriveKeyPair(a, 'agree', i);
    const kb = deriveKeyPair(b, 'agree', i);
    assert.is(ka.publicKey, kb.publicKey);
    const sa = a.sign(ka.secretKey, data);
    assert.is(toHex(sa), toHex(b.sign(kb.secretKey, data)));
    const tampered = sa.slice();
    tampered[i % 64] = (tampered[i % 64] ?? 0) ^ 0x80;
    for (const c of [a, b]) {
      assert.ok(c.verify(fromHex(ka.publicKey), data, sa));
      assert.is(c.verify(fromHex(ka.publicKey), data, tampered), false);
    }
  }
}

test.run();
