// Canonical encoding (SPEC.md §4): RFC 8785 JSON, UTF-8. Every hashed or signed object is
// encoded with `canonicalBytes`; all numbers in such objects are safe integers.

import canonicalize from 'canonicalize';
import type { Hex } from '../contract/index.js';

/** Bytes as a Map key: latin1 maps each byte to one character, so distinct bytes give distinct
 *  keys, and it is the cheapest decoding Buffer has. */
export function bytesKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** UTF-8 bytes of a string: Buffer.from is ~2x faster than TextEncoder here (measured). */
export function utf8Bytes(text: string): Uint8Array {
  const b = Buffer.from(text, 'utf8');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Characters JSON.stringify escapes in a well-formed string; without them it only adds quotes. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** JSON.stringify of a well-formed string, without its cost for the hex that fills blocks. */
function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
/** Nesting beyond which the fast path gives up (protocol objects nest < 10; cycles end here). */
const FAST_DEPTH_MAX = 64;

/** What canonicalize writes for a scalar (it defers to JSON.stringify), or undefined where the
 *  general encoder must decide (lone surrogates, non-integers, objects). */
function scalarJson(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return isWellFormed(v) ? jsonString(v) : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isSafeInteger(v) ? String(v) : undefined;
    default:
      return v === null ? 'null' : undefined;
  }
}

/** Encoded object keys: the protocol's few dozen field names recur in every object, and a Map
 *  lookup of a key string costs less than the escape check of jsonString. */
const keyTexts = new Map<string, string>();
const KEY_TEXTS_MAX = 4_096;

/** jsonString of a key, undefined when it is not well-formed (canonicalize then decides). */
function keyJson(key: string): string | undefined {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (!isWellFormed(key)) return undefined;
    text = jsonString(key);
    if (keyTexts.size < KEY_TEXTS_MAX) keyTexts.set(key, text);
  }
  return text;
}

/** JSON.stringify(s).length, without building the string for the common case (no escapes). */
export function jsonStringLength(s: string): number {
  return NEEDS_ESCAPE.test(s) || !isWellFormed(s) ? JSON.stringify(s).length : s.length + 2;
}

/** JSON.stringify(key).length for an object key, looked up among the recurring field names. */
export function jsonKeyLength(key: string): number {
  return keyJson(key)?.length ?? JSON.stringify(key).length;
}

/** Keys in UTF-16 code-unit order, as Array.prototype.sort orders strings. Protocol objects have
 *  a handful of keys: an insertion sort in place allocates nothing, where sort() copied each
 *  array (a tenth of everything the region run allocated). */
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * canonicalize's output for the protocol's subset of JSON — plain objects and arrays, well-formed
 * strings, safe integers, booleans, null — or undefined for anything else, which canonicalize
 * then encodes itself. The gain is its per-character surrogate scan in JS, done here natively:
 * a 1 MiB block is sealed by its proposer and re-hashed by the auditor (property-tested equal,
 * tests/protocol/flat-canonical.test.ts).
 */
function protocolJson(v: unknown, depth: number): string | undefined {
  if (typeof v !== 'object' || v === null) return scalarJson(v);
  if (depth >= FAST_DEPTH_MAX) return undefined;
  // canonicalize calls any toJSON first (own or inherited), for arrays as for objects.
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return undefined;
    let text = '[';
    for (let i = 0; i < v.length; i++) {
      const item = protocolJson(v[i], depth + 1);
      if (item === undefined) return undefined;
      text += i === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
  const o = v as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of sortedInPlace(Object.keys(o))) {
    const item = protocolJson(o[key], depth + 1);
    const k = keyJson(key);
    if (item === undefined || k === undefined) return undefined;
    text += `${first ? '' : ','}${k}:${item}`;
    first = false;
  }
  return `${text}}`;
}

export function canonicalJson(value: unknown): string {
  const fast = protocolJson(value, 0);
  if (fast !== undefined) return fast;
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8Bytes(canonicalJson(value));
}

/**
 * `canonicalBytes` of a flat object of scalars, for the payloads signed and checked by the hundred
 * thousand (votes, consensus votes): `keys` are given in RFC 8785 order, so nothing is sorted or
 * walked. Anything but safe integers, well-formed strings, booleans and null goes to the general
 * encoder, so the result is always canonicalize's (tests/protocol/flat-canonical.test.ts).
 */
export function flatCanonicalBytes(keys: readonly string[], values: readonly unknown[]): Uint8Array {
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const json = scalarJson(values[i]);
    if (json === undefined) return canonicalBytes(Object.fromEntries(keys.map((k, j) => [k, values[j]])));
    text += `${i === 0 ? '' : ','}"${keys[i] as string}":${json}`;
  }
  return utf8Bytes(`${text}}`);
}

/** Keys for flatCanonicalBytes, checked once to be in RFC 8785 order (UTF-16 code units). */
export function sortedKeys(...keys: string[]): readonly string[] {
  for (const k of keys) if (NEEDS_ESCAPE.test(k) || !isWellFormed(k)) throw new Error(`sortedKeys: ${JSON.stringify(k)} would need escaping`);
  for (let i = 1; i < keys.length; i++) {
    if (!((keys[i - 1] as string) < (keys[i] as string))) throw new Error(`sortedKeys: ${keys[i - 1]} must come before ${keys[i]}`);
  }
  return Object.freeze(keys);
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function toHex(bytes: Uint8Array): Hex {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

/** Decodes lowercase hex; throws RangeError naming what was expected. */
export function fromHex(hex: string, expectedBytes?: number): Uint8Array {
  if (typeof hex !== 'string' || !HEX_RE.test(hex)) {
    throw new RangeError(`expected lowercase hex, got ${JSON.stringify(String(hex).slice(0, 16))}`);
  }
  if (expectedBytes !== undefined && hex.length !== expectedBytes * 2) {
    throw new RangeError(`expected ${expectedBytes} bytes of hex, got ${hex.length / 2}`);
  }
  const buf = Buffer.from(hex, 'hex');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function isHexOfBytes(value: unknown, bytes: number): value is Hex {
  return typeof value === 'string' && value.length === bytes * 2 && HEX_RE.test(value);
}
