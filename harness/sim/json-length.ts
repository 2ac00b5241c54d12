// JSON.stringify(value).length without building the string: the engine sizes every message it
// sends, and JSON.stringify took ~3 µs for a 365-character VOTE in the region run (200,000 of
// them), this walk ~1.7 µs. Exact for anything JSON.stringify accepts (property-tested); values
// it would treat specially (toJSON, BigInt, cycles, deep nesting) are left to it. Strings are
// measured by protocol/encoding.ts, which encodes them for canonical JSON the same way.

import { jsonKeyLength, jsonStringLength } from '../../protocol/index.js';

/** Nesting past which the walk hands over to JSON.stringify (protocol messages nest < 10). */
const DEPTH_MAX = 32;

/** Length of a value inside an object or array; -1 where JSON.stringify omits it (or must decide). */
function valueLength(v: unknown, depth: number): number {
  switch (typeof v) {
    case 'string':
      return jsonStringLength(v);
    case 'number':
      return Number.isFinite(v) ? String(v).length : 4;
    case 'boolean':
      return v ? 4 : 5;
    case 'object':
      return v === null ? 4 : objectLength(v, depth);
    default:
      return -1; // undefined, functions, symbols: omitted (null in arrays); bigint: JSON.stringify throws
  }
}

function objectLength(o: object, depth: number): number {
  if (depth >= DEPTH_MAX || typeof (o as { toJSON?: unknown }).toJSON === 'function') return -2;
  if (Array.isArray(o)) {
    let n = 2 + Math.max(0, o.length - 1);
    for (let i = 0; i < o.length; i++) {
      const item: unknown = o[i];
      if (typeof item === 'bigint') return -2;
      const len = valueLength(item, depth + 1);
      if (len === -2) return -2;
      n += len === -1 ? 4 : len;
    }
    return n;
  }
  let n = 2;
  let fields = 0;
  for (const key of Object.keys(o)) {
    const item: unknown = (o as Record<string, unknown>)[key];
    if (typeof item === 'bigint') return -2;
    const len = valueLength(item, depth + 1);
    if (len === -2) return -2;
    if (len === -1) continue;
    n += jsonKeyLength(key) + 1 + len;
    fields++;
  }
  return n + Math.max(0, fields - 1);
}

export function jsonLength(value: object): number {
  const n = objectLength(value, 0);
  return n >= 0 ? n : JSON.stringify(value).length;
}
