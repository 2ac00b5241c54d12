// Partial matching of expectations against what a node returned. A pattern object matches a
// value whose listed keys match (others are ignored); arrays match element-wise with equal
// length; `{ "$len": n }` matches an array of length n; `{ "$has": x }` an array containing x.

export function mismatch(pattern: unknown, value: unknown, path = '$'): string | null {
  if (pattern === null || typeof pattern !== 'object') {
    return Object.is(pattern, value) ? null : `${path}: expected ${JSON.stringify(pattern)}, got ${short(value)}`;
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return `${path}: expected an array, got ${short(value)}`;
    if (value.length !== pattern.length) return `${path}: expected ${pattern.length} items, got ${value.length}`;
    for (let i = 0; i < pattern.length; i++) {
      const m = mismatch(pattern[i], value[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  const p = pattern as Record<string, unknown>;
  if ('$len' in p) {
    return Array.isArray(value) && value.length === p['$len'] ? null : `${path}: expected length ${String(p['$len'])}, got ${short(value)}`;
  }
  if ('$has' in p) {
    return Array.isArray(value) && value.some((item) => mismatch(p['$has'], item) === null)
      ? null
      : `${path}: expected an array containing ${JSON.stringify(p['$has'])}, got ${short(value)}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${path}: expected an object, got ${short(value)}`;
  for (const [key, sub] of Object.entries(p)) {
    const m = mismatch(sub, (value as Record<string, unknown>)[key], `${path}.${key}`);
    if (m) return m;
  }
  return null;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `expected` is 'ok', 'error' or 'ERR_A|ERR_B'; `actual` is 'ok' or an error code. */
export function resultMatches(expected: string, actual: string): boolean {
  if (expected === 'ok' || actual === 'ok') return expected === actual;
  return expected === 'error' || expected.split('|').includes(actual);
}

export function listMismatch(
  what: string,
  items: readonly unknown[],
  expectation: { readonly includes?: readonly unknown[]; readonly excludes?: readonly unknown[] },
): string | null {
  for (const pattern of expectation.includes ?? []) {
    if (!items.some((item) => mismatch(pattern, item) === null)) {
      return `no ${what} matches ${short(pattern)} (got ${items.length}: ${short(items)})`;
    }
  }
  for (const pattern of expectation.excludes ?? []) {
    const hit = items.find((item) => mismatch(pattern, item) === null);
    if (hit !== undefined) return `unexpected ${what} ${short(hit)} matches excluded ${short(pattern)}`;
  }
  return null;
}
