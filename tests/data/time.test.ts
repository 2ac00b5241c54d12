// DATA-003: timestamps with offsets, DST, and the hand-written parser against Date.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { cetOffsetMin, formatIsoMs, parseIsoMs } from '../../reference-node/data/index.js';

test('DATA-003: the same instant written with different offsets parses to one UTC time', () => {
  const utc = parseIsoMs('2026-03-29T01:00:00Z');
  assert.is(parseIsoMs('2026-03-29T03:00:00+02:00'), utc);
  assert.is(parseIsoMs('2026-03-29T02:00:00+01:00'), utc);
  assert.is(parseIsoMs('2026-03-28T20:00:00-05:00'), utc);
  assert.is(parseIsoMs('2026-03-29T01:00:00.250Z'), utc + 250);
});

test('DATA-003: CET/CEST offsets switch at 01:00 UTC on the last Sundays of March and October', () => {
  assert.is(cetOffsetMin(Date.UTC(2026, 2, 29, 0, 59)), 60);
  assert.is(cetOffsetMin(Date.UTC(2026, 2, 29, 1, 0)), 120);
  assert.is(cetOffsetMin(Date.UTC(2026, 9, 25, 0, 59)), 120);
  assert.is(cetOffsetMin(Date.UTC(2026, 9, 25, 1, 0)), 60);
  assert.is(formatIsoMs(Date.UTC(2026, 2, 29, 1, 15), 120), '2026-03-29T03:15:00+02:00');
});

test('DATA-003: format then parse is the identity, and agrees with Date, for any instant and offset', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
      fc.integer({ min: -14 * 60, max: 14 * 60 }),
      (ms, offset) => {
        const s = formatIsoMs(ms, offset);
        assert.is(parseIsoMs(s), ms, s);
        if (offset === 0) assert.is(s, new Date(ms).toISOString().replace('.000Z', 'Z'));
      },
    ),
    { numRuns: 2000 },
  );
});

test('DATA-003: malformed timestamps are NaN, never a lenient guess', () => {
  for (const s of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00+1:00', '2026-01-01T00:00:00Zjunk', '']) {
    assert.ok(Number.isNaN(parseIsoMs(s)), s);
  }
  assert.is(parseIsoMs('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
});

test.run();
