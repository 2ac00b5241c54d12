// The node's data module (DataOps + SharingApi): ingest, clean, labels, query by label; bids.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bidReason, createDataModule, DEFAULT_CLEAN_PARAMS, tradeReason } from '../../reference-node/data/index.js';
import { generateMarket } from '../../harness/workload/bids.js';
import { MIN_MS, reading, run } from './fixtures.js';

test('DATA-004, DATA-006 and DATA-007: hourly records with completeness, quality grades and labels', () => {
  const { data } = createDataModule();
  const rows = [
    ...run(0, 4), // hour 0 complete, all code 0 → A
    ...run(4, 7, { quality: 8 }), // hour 1: 3 of 4, estimated → B
    reading(8, { quality: 10 }), // hour 2: 1 of 4, questionable → C
    reading(40, { meterId: 'south-000002', capacityWh: 100_000, wh: 5000 }), // 10:00 UTC, commercial
  ];
  assert.equal(data.ingest(rows), { accepted: rows.length });
  const summary = data.clean();
  assert.equal({ input: summary.input, kept: summary.kept, secondary: summary.secondary }, { input: 9, kept: 9, secondary: 4 });
  const all = data.query('region=north');
  assert.equal(all.map((r) => [r.energyWh, r.completenessPermille, r.labels.quality]), [[4000, 1000, 'A'], [3000, 750, 'B'], [1000, 250, 'C']]);
  assert.equal(all[0]!.labels, { region: 'north', customerClass: 'residential', quality: 'A', loadType: 'offpeak' });
  const south = data.query('commercial');
  assert.is(south.length, 1);
  assert.equal(south[0]!.labels, { region: 'south', customerClass: 'commercial', quality: 'C', loadType: 'peak' });
});

test('DATA-008: query by key=value or bare value, sorted by meter and hour, capped', () => {
  const { data, sharing } = createDataModule({ queryRecordsMax: 2 });
  data.ingest([...run(0, 12, { meterId: 'west-2' }), ...run(0, 4, { meterId: 'east-1' })]);
  data.clean();
  assert.equal(sharing.query('quality=A').map((r) => r.meterId), ['east-1', 'west-2']);
  assert.is(sharing.query('nothing=here').length, 0);
  assert.is(sharing.query('west').length, 2);
  assert.equal(data.query('region=west').map((r) => r.hourStartMs), [reading(0).intervalStartMs, reading(4).intervalStartMs]);
});

test('DATA-002: ingest refuses malformed readings (not numbers, off-minute starts) and counts the rest', () => {
  const { data } = createDataModule({ readingsMax: 3 });
  const bad = [reading(0, { wh: Number.NaN }), reading(1, { intervalStartMs: reading(1).intervalStartMs + 1 }), reading(2, { multiplier: 0 })];
  assert.equal(data.ingest(bad), { accepted: 0 });
  assert.equal(data.ingest(run(0, 5)), { accepted: 3 });
  assert.is(data.clean().input, 3);
});

test('CLEAN-012: bid curves — steps, price range, monotone staircase; trades', () => {
  const p = DEFAULT_CLEAN_PARAMS;
  const bid = (steps: [number, number][]) => ({ participantId: 'a', intervalStartMs: 0, steps: steps.map(([price, q]) => ({ priceEurPerMwh: price, quantityKwh: q })) });
  assert.is(bidReason(bid([[10, 5], [10, 6], [20, 9]]), p), 'kept');
  assert.is(bidReason(bid([[10, 5], [9, 6]]), p), 'non-monotone');
  assert.is(bidReason(bid([[10, 5], [11, 5]]), p), 'non-monotone');
  assert.is(bidReason(bid([[10, 5], [3001, 6]]), p), 'out-of-range');
  assert.is(bidReason(bid([[-501, 5]]), p), 'out-of-range');
  assert.is(bidReason(bid([]), p), 'too-many-steps');
  assert.is(bidReason(bid(Array.from({ length: 11 }, (_, k) => [k, k + 1] as [number, number])), p), 'too-many-steps');
  const trade = { buyerId: 'a', sellerId: 'b', intervalStartMs: 0, kwh: 3, priceEurPerMwh: 40 };
  assert.is(tradeReason(trade, p), 'kept');
  assert.is(tradeReason({ ...trade, sellerId: 'a' }, p), 'self-trade');
  assert.is(tradeReason({ ...trade, kwh: 0 }, p), 'out-of-range');
});

test('CLEAN-012: generated bid defects are exactly the ones cleaning removes', () => {
  const m = generateMarket({ bids: 3000, trades: 500, participants: ['n-a', 'n-b', 'n-c'], startMs: 0, seed: 2 });
  const got = m.bids.map((b) => bidReason(b, DEFAULT_CLEAN_PARAMS));
  assert.equal(got, m.bidTruth);
  assert.ok(m.bidTruth.filter((t) => t !== 'kept').length > 20);
  assert.ok(m.trades.every((t) => tradeReason(t, DEFAULT_CLEAN_PARAMS) === 'kept'));
  assert.ok(MIN_MS > 0);
});

test.run();
