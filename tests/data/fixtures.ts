// Shared builders for the data tests: one well-formed reading, varied by overrides.

import type { MeterReading } from '../../contract/data.js';

export const T0_MS = Date.UTC(2026, 2, 25, 0, 0);
export const MIN_MS = 60_000;

/** A valid 15-minute reading of meter `north-000001` at slot `slot` (energy 1000 Wh of 2500 capacity). */
export function reading(slot: number, over: Partial<MeterReading> = {}): MeterReading {
  const intervalStartMs = T0_MS + slot * 15 * MIN_MS;
  return {
    meterId: 'north-000001',
    intervalStartMs,
    intervalMinutes: 15,
    wh: 1000,
    quality: 0,
    receivedAtMs: intervalStartMs + 60 * MIN_MS,
    multiplier: 1,
    capacityWh: 10_000,
    ...over,
  };
}

/** Readings for slots [from, to) of one meter. */
export function run(from: number, to: number, over: Partial<MeterReading> = {}): MeterReading[] {
  return Array.from({ length: to - from }, (_, k) => reading(from + k, over));
}
