// Each CLEAN rule on hand-made readings: the reason given, the boundary, the parameter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cleanReadings,
  columnsFromReadings,
  DEFAULT_CLEAN_PARAMS,
  finalReason,
  REASON_NAMES,
  type CleanParams,
} from '../../reference-node/data/index.js';
import type { MeterReading } from '../../contract/data.js';
import { MIN_MS, reading, run } from './fixtures.js';

function reasons(readings: MeterReading[], params: Partial<CleanParams> = {}): string[] {
  const r = cleanReadings(columnsFromReadings(readings), params);
  return Array.from(r.status, (s) => REASON_NAMES[finalReason(s)]!);
}

test('CLEAN-001: the copy received last is kept; the others are duplicates', () => {
  const a = reading(0, { wh: 100, receivedAtMs: reading(0).receivedAtMs + 5 * MIN_MS });
  const b = reading(0, { wh: 200 });
  const c = reading(0, { wh: 300, receivedAtMs: reading(0).receivedAtMs + 9 * MIN_MS });
  assert.equal(reasons([a, b, c]), ['duplicate', 'duplicate', 'kept']);
  const r = cleanReadings(columnsFromReadings([a, b, c]));
  assert.is(r.hourly.energyWh[0], 300);
});

test('CLEAN-001: on equal receipt times the copy earliest in the input is kept', () => {
  const a = reading(0, { wh: 100 });
  const b = reading(0, { wh: 200 });
  assert.equal(reasons([a, b]), ['kept', 'duplicate']);
  assert.equal(reasons([b, a]), ['kept', 'duplicate']);
  assert.is(cleanReadings(columnsFromReadings([b, a])).hourly.energyWh[0], 200);
});

test('CLEAN-002: dedupe comes first, so a later invalid copy is not replaced by an older valid one', () => {
  const older = reading(0, { wh: 100 });
  const newer = reading(0, { wh: -5, receivedAtMs: older.receivedAtMs + MIN_MS });
  assert.equal(reasons([older, newer]), ['duplicate', 'negative']);
  assert.is(cleanReadings(columnsFromReadings([older, newer])).hourly.count, 0);
});

test('CLEAN-003: an interval length other than intervalMinutes is removed; the parameter moves it', () => {
  assert.equal(reasons([reading(0, { intervalMinutes: 30 }), reading(1)]), ['interval-length', 'kept']);
  const p = { intervalMinutes: 30 };
  assert.equal(reasons([reading(0, { intervalMinutes: 30, receivedAtMs: reading(4).receivedAtMs })], p), ['kept']);
});

test('CLEAN-004: a start off the 15-minute grid is misaligned, even when duplicated', () => {
  const off = reading(0, { intervalStartMs: reading(0).intervalStartMs + 7 * MIN_MS });
  assert.equal(reasons([off, off, reading(1)]), ['misaligned', 'misaligned', 'kept']);
});

test('CLEAN-005: received more than futureToleranceMs before the interval ends is future', () => {
  const end = reading(0).intervalStartMs + 15 * MIN_MS;
  const tol = DEFAULT_CLEAN_PARAMS.futureToleranceMs;
  assert.equal(reasons([reading(0, { receivedAtMs: end - tol })]), ['kept']);
  assert.equal(reasons([reading(0, { receivedAtMs: end - tol - 1 })]), ['future']);
  assert.equal(reasons([reading(0, { receivedAtMs: end - tol - 1 })], { futureToleranceMs: tol + 1 }), ['kept']);
});

test('CLEAN-006: received more than maxLatencyMs after the interval ends is late (out of order)', () => {
  const end = reading(0).intervalStartMs + 15 * MIN_MS;
  const max = DEFAULT_CLEAN_PARAMS.maxLatencyMs;
  assert.equal(reasons([reading(0, { receivedAtMs: end + max })]), ['kept']);
  assert.equal(reasons([reading(0, { receivedAtMs: end + max + 1 })]), ['late']);
});

test('CLEAN-007: quality codes outside 0, 8, 9, 10, 14 are removed', () => {
  const codes = [0, 8, 9, 10, 14, 1, 7, 11, 255];
  assert.equal(
    reasons(codes.map((q, k) => reading(k, { quality: q }))),
    ['kept', 'kept', 'kept', 'kept', 'kept', 'bad-quality', 'bad-quality', 'bad-quality', 'bad-quality'],
  );
});

test('CLEAN-008: negative energy is removed; zero is in range', () => {
  assert.equal(reasons([reading(0, { wh: -1 }), reading(1, { wh: 0 })]), ['negative', 'kept']);
});

test('CLEAN-009 and CLEAN-010 (energy = wh × multiplier, DATA-005): unit error above unitRatio × capacity, spike above capacityFactor × capacity', () => {
  // capacity 10,000 Wh/h → 2,500 Wh per 15 minutes; multiplier applies.
  const rows = [
    reading(0, { wh: 2500 }),
    reading(1, { wh: 2501 }),
    reading(2, { wh: 125_000 }),
    reading(3, { wh: 125_001 }),
    reading(4, { wh: 251, multiplier: 10 }),
  ];
  assert.equal(reasons(rows), ['kept', 'spike', 'spike', 'unit', 'spike']);
  assert.equal(reasons([reading(0, { wh: 2600 })], { capacityFactor: 1.1 }), ['kept']);
});

test('CLEAN-011: zeroRunMin consecutive zero readings are removed, shorter runs and broken runs kept', () => {
  const four = run(0, 4, { wh: 0 });
  assert.equal(reasons(four), ['zero-run', 'zero-run', 'zero-run', 'zero-run']);
  assert.equal(reasons(run(0, 3, { wh: 0 })), ['kept', 'kept', 'kept']);
  // A gap (slot 2 missing) or an invalid reading breaks the run.
  assert.equal(reasons([...run(0, 2, { wh: 0 }), ...run(3, 5, { wh: 0 })]), ['kept', 'kept', 'kept', 'kept']);
  assert.equal(reasons([...run(0, 2, { wh: 0 }), reading(2, { wh: -1 }), ...run(3, 5, { wh: 0 })]), ['kept', 'kept', 'negative', 'kept', 'kept']);
  assert.equal(reasons(four, { zeroRunMin: 5 }), ['kept', 'kept', 'kept', 'kept']);
  // A later zero copy that wins dedupe still counts in the run.
  const resent = reading(1, { wh: 0, receivedAtMs: reading(1).receivedAtMs + MIN_MS });
  assert.equal(reasons([...four.slice(0, 1), reading(1, { wh: 5 }), ...four.slice(2), resent]), [
    'zero-run', 'duplicate', 'zero-run', 'zero-run', 'zero-run',
  ]);
});

test('CLEAN-013: one reason per reading, the first rule broken; duplicates + invalid + kept = input', () => {
  // Wrong length and negative: the length rule comes first.
  assert.equal(reasons([reading(0, { intervalMinutes: 5, wh: -1 })]), ['interval-length']);
  const rows = [reading(0), reading(0), reading(1, { wh: -3 }), reading(2, { quality: 3 }), reading(3)];
  const s = cleanReadings(columnsFromReadings(rows)).summary;
  assert.is(s.duplicates + s.invalid + s.kept, s.input);
  assert.equal(s.removedByReason, { duplicate: 1, negative: 1, 'bad-quality': 1 });
});

test.run();
