// Canonical encoding (SPEC.md §4): RFC 8785 JSON, UTF-8. Every hashed or signed object is
// encoded with `canonicalBytes`; all numbers in such objects are safe integers.

import canonicalize from 'canonicalize';
import type { Hex } from '../contract/index.js';

const encoder = new TextEncoder();

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
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
