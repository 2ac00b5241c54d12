// Small statistics helpers for benchmark samples.

export { median } from '../metrics/stats.js';

/** Rounds to `digits` significant digits (keeps results.json readable). */
export function round(value: number, digits = 4): number {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
}
