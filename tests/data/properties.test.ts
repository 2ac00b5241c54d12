// Property tests over random small batches: grid and sorted paths agree, input order does not
// matter (DATA-009), and each kept hour's energy equals the sum of its kept readings (DATA-006).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { MeterReading } from '../../contract/data.js';
import { cleanReadings, columnsFromReadings, finalReason, Reason } from '../../reference-node/data/index.js';
import { hourlyDigest } from '../../harness/bench/cleaning-digest.js';
import { MIN_MS, reading } from './fixtures.js';

const arbReading: fc.Arbitrary<MeterReading> = fc
  .record({
    meter: fc.integer({ min: 0, max: 2 }),
    slot: fc.integer({ min: 0, max: 12 }),
    wh: fc.constantFrom(0, 0, 0, 100, 700, -5, 3000, 200_000),
    quality: fc.constantFrom(0, 8, 10, 3),
    delayMin: fc.constantFrom(-20, 30, 31, 60, 5000),
    lengthMin: fc.constantFrom(15, 15, 15, 30),
    skewMin: fc.constantFrom(0, 0, 0, 0, 7),
  })
  .map((r) =>
    reading(r.slot, {
      meterId: `north-${r.meter}`,
      intervalStartMs: reading(r.slot).intervalStartMs + r.skewMin * MIN_MS,
      wh: r.wh,
      quality: r.quality,
      intervalMinutes: r.lengthMin,
      receivedAtMs: reading(r.slot).intervalStartMs + (15 + r.delayMin) * MIN_MS,
    }),
  );

test('DATA-009: grid and sorted paths agree on random batches', () => {
  fc.assert(
    fc.property(fc.array(arbReading, { maxLength: 80 }), (rows) => {
      const cols = columnsFromReadings(rows);
      const a = cleanReadings(cols);
      const b = cleanReadings(cols, { gridCellsMax: 0 });
      assert.is(hourlyDigest(a.hourly), hourlyDigest(b.hourly));
      assert.equal(Array.from(a.status), Array.from(b.status));
    }),
    { numRuns: 300 },
  );
});

test('DATA-009: reversing the input changes nothing when receipt times are distinct', () => {
  fc.assert(
    fc.property(fc.array(arbReading, { maxLength: 60 }), (rows) => {
      const distinct = rows.map((r, k) => ({ ...r, receivedAtMs: r.receivedAtMs + k }));
      const fwd = columnsFromReadings(distinct);
      const rev = columnsFromReadings([...distinct].reverse());
      // Meter indices follow first appearance; compare per meter id.
      const key = (cols: typeof fwd, r: ReturnType<typeof cleanReadings>) =>
        Array.from({ length: r.hourly.count }, (_, k) => `${cols.meterIds[r.hourly.meter[k]!]}@${r.hourly.hourMin[k]}=${r.hourly.energyWh[k]}/${r.hourly.readings[k]}`).sort();
      assert.equal(key(fwd, cleanReadings(fwd)), key(rev, cleanReadings(rev)));
    }),
    { numRuns: 200 },
  );
});

test('DATA-006: each hour sums exactly its kept readings and counts them', () => {
  fc.assert(
    fc.property(fc.array(arbReading, { maxLength: 80 }), (rows) => {
      const cols = columnsFromReadings(rows);
      const r = cleanReadings(cols);
      const sums = new Map<string, [number, number]>();
      rows.forEach((row, i) => {
        if (finalReason(r.status[i]!) !== Reason.kept) return;
        const k = `${cols.meter[i]}@${Math.floor(row.intervalStartMs / 3_600_000) * 60}`;
        const [e, n] = sums.get(k) ?? [0, 0];
        sums.set(k, [e + row.wh * row.multiplier, n + 1]);
      });
      assert.is(r.hourly.count, sums.size);
      for (let k = 0; k < r.hourly.count; k++) {
        const got = sums.get(`${r.hourly.meter[k]}@${r.hourly.hourMin[k]}`);
        assert.equal(got, [r.hourly.energyWh[k], r.hourly.readings[k]]);
      }
    }),
    { numRuns: 200 },
  );
});

test.run();
