// DATA and CLEAN checks (S2), through the adapter's data operations: ingest readings, clean,
// query by label. Expectations are computed by hand from docs/spec-data.md (defaults:
// 15-minute intervals, capacity factor 1, unit ratio 50, future tolerance 5 min, latency 3 days,
// zero runs of 4), so these vectors need no recording.

import type { BidCurve, FlexTrade, MeterReading, SecondaryRecord } from '../../../contract/index.js';
import type { DataOp } from '../../adapters/adapter.js';
import { allianceNodes } from '../fixtures.js';
import { VECTOR_FORMAT, VECTOR_FORMAT_VERSION, type Step, type StepExpectation, type Vector } from '../vector.js';
import type { CheckDef } from './kit.js';

const MODULES = ['data-processing'] as const;
const FEATURES = ['data-clean'];
const MIN = 60_000;
const SLOT = 15 * MIN;
/** 2026-01-15 10:00 UTC: a peak hour. */
const HOUR = Date.UTC(2026, 0, 15, 10);
const CAPACITY_WH = 10_000; // per hour: 2,500 Wh per 15-minute interval; residential

/** A valid 15-minute reading of `meter` in slot `slot` (0 = 10:00 UTC), received one minute after it ends. */
export function reading(meter: string, slot: number, wh: number, over: Partial<MeterReading> = {}): MeterReading {
  const start = HOUR + slot * SLOT;
  return { meterId: meter, intervalStartMs: start, intervalMinutes: 15, wh, quality: 0, receivedAtMs: start + SLOT + MIN, multiplier: 1, capacityWh: CAPACITY_WH, ...over };
}

const hourOf = (slot: number): number => HOUR + Math.floor(slot / 4) * 4 * SLOT;

function record(meter: string, slot: number, energyWh: number, completenessPermille: number, labels: Partial<SecondaryRecord['labels']> = {}): SecondaryRecord {
  const region = meter.includes('-') ? meter.slice(0, meter.indexOf('-')) : 'unknown';
  const quality = completenessPermille === 1000 ? 'A' : completenessPermille >= 750 ? 'B' : 'C';
  return { meterId: meter, hourStartMs: hourOf(slot), energyWh, completenessPermille, labels: { region, customerClass: 'residential', quality, loadType: 'peak', ...labels } };
}

interface DataCase {
  readonly id: string;
  readonly title: string;
  readonly requirements: string[];
  readonly readings: readonly MeterReading[];
  /** Expected ingest result (default: all accepted). */
  readonly accepted?: number;
  readonly summary: { input: number; duplicates: number; invalid: number; kept: number; secondary: number };
  /** Expected CleaningSummary.removedByReason (checked only when given). */
  readonly removedByReason?: Readonly<Record<string, number>>;
  /** label → the exact records the query returns. */
  readonly queries: Readonly<Record<string, readonly SecondaryRecord[]>>;
  /** A second node ingesting the same readings in this order must answer the same (DATA-009). */
  readonly reordered?: readonly MeterReading[];
}

function dataCheck(c: DataCase): CheckDef {
  return {
    id: c.id,
    title: c.title,
    requirements: c.requirements,
    modules: MODULES,
    features: FEATURES,
    build(ctx): Vector {
      const stepsFor = (name: string, readings: readonly MeterReading[]): Step[] => {
        const op = (data: DataOp, expect: StepExpectation, note: string): Step => ({ node: name, nowMs: 0, data, expect, note });
        return [
          op({ op: 'ingest', readings }, { data: { accepted: c.accepted ?? readings.length } }, 'ingest'),
          op({ op: 'clean' }, { data: c.removedByReason ? { ...c.summary, removedByReason: c.removedByReason } : c.summary }, 'clean: counts'),
          ...Object.entries(c.queries).map(([label, records]) => op({ op: 'query', label }, { data: { records } }, `query ${label}`)),
        ];
      };
      const steps = [...stepsFor('f0', c.readings), ...(c.reordered ? stepsFor('f0-reordered', c.reordered) : [])];
      return stepsVector(c.id, c.title, c.requirements, FEATURES, ctx.factory.implementation.name, steps, c.reordered ? ['f0', 'f0-reordered'] : ['f0']);
    },
  };
}

const four = (meter: string, wh: readonly number[], over: Partial<MeterReading> = {}): MeterReading[] => wh.map((w, i) => reading(meter, i, w, over));

/** Three valid readings plus one that breaks exactly one rule (the hour keeps 3 of 4: 750 ‰, grade B). */
function oneInvalid(id: string, title: string, requirement: string, bad: MeterReading): CheckDef {
  return dataCheck({
    id,
    title,
    requirements: [requirement, 'CLEAN-013'],
    readings: [...four('north-1', [500, 500, 500]), bad],
    summary: { input: 4, duplicates: 0, invalid: 1, kept: 3, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 1500, 750)] },
  });
}

/** A one-node vector of data steps (no recording: expectations are the spec's). */
function stepsVector(id: string, title: string, requirements: readonly string[], features: string[], digestsOf: string, steps: readonly Step[], names = ['f0']): Vector {
  const base = allianceNodes({ founders: 1 })[0]!;
  const nodes = names.map((name) => ({ name, secretKey: base.secretKey, publicKey: base.publicKey, rngSeed: base.rngSeed, config: base.config }));
  return {
    format: VECTOR_FORMAT,
    version: VECTOR_FORMAT_VERSION,
    id,
    title,
    requirements,
    requires: { modules: MODULES, features },
    nodes,
    preState: [],
    steps,
    eventually: [],
    preStateHeads: {},
    expectedHeads: {},
    sameDigest: [],
    digestsOf,
    preStateDigests: {},
    expectedDigests: {},
  };
}

const step = (data: DataOp, expect: StepExpectation, note: string): Step => ({ node: 'f0', nowMs: 0, data, expect, note });
const bid = (prices: number[], quantities: number[]): BidCurve => ({
  participantId: 'p-1',
  intervalStartMs: HOUR,
  steps: prices.map((priceEurPerMwh, i) => ({ priceEurPerMwh, quantityKwh: quantities[i]! })),
});
const trade = (over: Partial<FlexTrade> = {}): FlexTrade => ({ buyerId: 'b-1', sellerId: 's-1', intervalStartMs: HOUR, kwh: 50, priceEurPerMwh: 80, ...over });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

const marketCheck: CheckDef = {
  id: 'CLEAN-012/bids-and-trades',
  title: 'bid curves outside 1..10 steps, out of price range or not monotone, and bad trades are removed with their reason',
  requirements: ['CLEAN-012', 'DATA-001'],
  modules: MODULES,
  features: ['data-market'],
  build: (ctx) =>
    stepsVector('CLEAN-012/bids-and-trades', marketCheck.title, marketCheck.requirements, ['data-market'], ctx.factory.implementation.name, [
      step(
        {
          op: 'market',
          bids: [bid([10, 20, 20], [100, 200, 300]), bid(range(11), range(11)), bid([], []), bid([3_001], [10]), bid([10], [0]), bid([20, 10], [1, 2]), bid([10, 20], [2, 1])],
          trades: [],
        },
        { data: { keptBids: 1, keptTrades: 0, removedByReason: { 'too-many-steps': 2, 'out-of-range': 2, 'non-monotone': 2 } } },
        'bids: 1 kept, 2 of each reason',
      ),
      step(
        { op: 'market', bids: [], trades: [trade(), trade({ sellerId: 'b-1' }), trade({ kwh: 0 }), trade({ priceEurPerMwh: -501 })] },
        { data: { keptBids: 0, keptTrades: 1 } },
        'trades: self-trade, no energy, price out of range removed',
      ),
    ]),
};

const reasonsCheck = dataCheck({
  id: 'CLEAN-013/first-broken-rule-is-the-reason',
  title: 'a reading breaking several rules is removed for the first in CLEAN-003…011 order; duplicates + invalid + kept = input',
  requirements: ['CLEAN-013', 'CLEAN-003', 'CLEAN-004', 'CLEAN-005', 'CLEAN-006', 'CLEAN-007', 'CLEAN-009'],
  readings: [
    reading('north-1', 0, 500),
    reading('north-1', 1, -5, { intervalMinutes: 30 }),
    reading('north-1', 2, -5, { intervalStartMs: HOUR + 2 * SLOT + 5 * MIN }),
    reading('north-1', 3, -5, { receivedAtMs: HOUR + 4 * SLOT - 10 * MIN }),
    reading('north-1', 4, -5, { quality: 3 }),
    reading('north-1', 5, 2_500 * 50 + 1),
    reading('north-1', 6, 400, { receivedAtMs: HOUR + 7 * SLOT }),
    reading('north-1', 6, 500),
    reading('north-1', 7, -5, { receivedAtMs: HOUR + 8 * SLOT + 3 * 86_400_000 + MIN }),
  ],
  summary: { input: 9, duplicates: 1, invalid: 6, kept: 2, secondary: 2 },
  removedByReason: { duplicate: 1, 'interval-length': 1, misaligned: 1, future: 1, 'bad-quality': 1, unit: 1, late: 1 },
  queries: { 'region=north': [record('north-1', 0, 500, 250), record('north-1', 4, 500, 250)] },
});

export const dataChecks: CheckDef[] = [
  marketCheck,
  reasonsCheck,
  dataCheck({
    id: 'DATA-006/hourly-record',
    title: 'four valid readings make one hourly record: energy summed, complete, labelled, served by label',
    requirements: ['DATA-001', 'DATA-006', 'DATA-007', 'DATA-008', 'MOD-002'],
    readings: four('north-1', [500, 600, 700, 800]),
    summary: { input: 4, duplicates: 0, invalid: 0, kept: 4, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 2600, 1000)], 'region=south': [], north: [record('north-1', 0, 2600, 1000)] },
  }),
  dataCheck({
    id: 'DATA-006/completeness-and-grade',
    title: 'completeness is floor(1000·kept/4); grade B needs ≥ 3/4, otherwise C',
    requirements: ['DATA-006', 'DATA-007'],
    readings: [...four('north-1', [100, 100, 100]), reading('south-2', 0, 100), reading('south-2', 1, 100)],
    summary: { input: 5, duplicates: 0, invalid: 0, kept: 5, secondary: 2 },
    queries: { 'quality=B': [record('north-1', 0, 300, 750)], 'quality=C': [record('south-2', 0, 200, 500)] },
  }),
  dataCheck({
    id: 'DATA-004/estimated-and-questionable',
    title: 'estimated and questionable readings are kept but lower the grade (B, C)',
    requirements: ['DATA-004', 'DATA-007'],
    readings: [...four('north-1', [100, 100, 100]), reading('north-1', 3, 100, { quality: 8 }), ...four('north-2', [100, 100, 100]), reading('north-2', 3, 100, { quality: 10 })],
    summary: { input: 8, duplicates: 0, invalid: 0, kept: 8, secondary: 2 },
    queries: { 'region=north': [record('north-1', 0, 400, 1000, { quality: 'B' }), record('north-2', 0, 400, 1000, { quality: 'C' })] },
  }),
  dataCheck({
    id: 'DATA-005/multiplier',
    title: 'energy is wh × multiplier',
    requirements: ['DATA-005'],
    readings: four('north-1', [50, 50, 50, 50], { multiplier: 10 }),
    summary: { input: 4, duplicates: 0, invalid: 0, kept: 4, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 2000, 1000)] },
  }),
  dataCheck({
    id: 'DATA-007/classes-regions-load-type',
    title: 'customer class from capacity, region from the meter id, off-peak outside 08–20 UTC',
    requirements: ['DATA-007', 'DATA-008'],
    readings: [
      ...four('east-1', [100, 100, 100, 100], { capacityWh: 20_001 }),
      ...four('east-2', [100, 100, 100, 100], { capacityWh: 600_000 }),
      ...[0, 1, 2, 3].map((i) => reading('meter7', 40 + i, 100)),
    ],
    summary: { input: 12, duplicates: 0, invalid: 0, kept: 12, secondary: 3 },
    queries: {
      'customerClass=commercial': [record('east-1', 0, 400, 1000, { customerClass: 'commercial' })],
      industrial: [record('east-2', 0, 400, 1000, { customerClass: 'industrial' })],
      'region=unknown': [record('meter7', 40, 400, 1000, { loadType: 'offpeak' })],
    },
  }),
  dataCheck({
    id: 'DATA-008/meter-then-hour-order',
    title: 'a query answers in (meter, hour) order',
    requirements: ['DATA-008'],
    readings: [...[0, 1, 2, 3, 4, 5, 6, 7].map((s) => reading('north-1', s, 100)), ...[0, 1, 2, 3, 4, 5, 6, 7].map((s) => reading('north-2', s, 200))],
    summary: { input: 16, duplicates: 0, invalid: 0, kept: 16, secondary: 4 },
    queries: { 'region=north': [record('north-1', 0, 400, 1000), record('north-1', 4, 400, 1000), record('north-2', 0, 800, 1000), record('north-2', 4, 800, 1000)] },
  }),
  dataCheck({
    id: 'DATA-009/input-order-independent',
    title: 'the same readings in another order give the same records',
    requirements: ['DATA-009', 'CLEAN-001'],
    readings: [...four('north-1', [100, 200, 300, 400]), reading('north-1', 1, 250, { receivedAtMs: HOUR + 3 * SLOT })],
    reordered: [reading('north-1', 1, 250, { receivedAtMs: HOUR + 3 * SLOT }), ...four('north-1', [100, 200, 300, 400]).reverse()],
    summary: { input: 5, duplicates: 1, invalid: 0, kept: 4, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 1050, 1000)] },
  }),
  dataCheck({
    id: 'DATA-002/malformed-readings-rejected',
    title: 'malformed readings are not accepted and the others still are',
    requirements: ['DATA-002', 'DATA-001'],
    readings: [reading('north-1', 0, 100), { ...reading('north-1', 1, 100), meterId: '' }, { ...reading('north-1', 2, 100), intervalMinutes: 1.5 }, reading('north-1', 3, 100)],
    accepted: 2,
    summary: { input: 2, duplicates: 0, invalid: 0, kept: 2, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 200, 500)] },
  }),
  dataCheck({
    id: 'DATA-003/whole-minute-starts',
    title: 'an interval start that is not a whole minute is not accepted',
    requirements: ['DATA-003'],
    readings: [...four('north-1', [100, 100, 100]), reading('north-1', 3, 100, { intervalStartMs: HOUR + 3 * SLOT + 30_000 })],
    accepted: 3,
    summary: { input: 3, duplicates: 0, invalid: 0, kept: 3, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 300, 750)] },
  }),
  dataCheck({
    id: 'CLEAN-001/latest-receipt-wins',
    title: 'of two copies the one received last is kept; on a tie the first in the input',
    requirements: ['CLEAN-001', 'CLEAN-013'],
    readings: [
      ...four('north-1', [500, 600, 700, 800]),
      reading('north-1', 0, 900, { receivedAtMs: HOUR + SLOT + 2 * MIN }),
      reading('north-1', 1, 650),
    ],
    summary: { input: 6, duplicates: 2, invalid: 0, kept: 4, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 900 + 600 + 700 + 800, 1000)] },
  }),
  dataCheck({
    id: 'CLEAN-002/dedupe-before-validity',
    title: 'the latest copy is kept by dedupe even when invalid; the older valid one is not resurrected',
    requirements: ['CLEAN-002', 'CLEAN-008', 'CLEAN-013'],
    readings: [...four('north-1', [500, 500, 500, 500]), reading('north-1', 0, -5, { receivedAtMs: HOUR + SLOT + 2 * MIN })],
    summary: { input: 5, duplicates: 1, invalid: 1, kept: 3, secondary: 1 },
    queries: { 'region=north': [record('north-1', 0, 1500, 750)] },
  }),
  oneInvalid('CLEAN-003/interval-length', 'a 30-minute reading is removed', 'CLEAN-003', reading('north-1', 3, 500, { intervalMinutes: 30 })),
  oneInvalid('CLEAN-004/misaligned-start', 'a reading starting off the 15-minute grid is removed', 'CLEAN-004', reading('north-1', 3, 500, { intervalStartMs: HOUR + 3 * SLOT + 5 * MIN, receivedAtMs: HOUR + 4 * SLOT + 6 * MIN })),
  oneInvalid('CLEAN-005/future-timestamp', 'a reading received more than 5 minutes before its interval ends is removed', 'CLEAN-005', reading('north-1', 3, 500, { receivedAtMs: HOUR + 4 * SLOT - 6 * MIN })),
  oneInvalid('CLEAN-006/late-timestamp', 'a reading received more than 3 days after its interval is removed', 'CLEAN-006', reading('north-1', 3, 500, { receivedAtMs: HOUR + 4 * SLOT + 3 * 86_400_000 + MIN })),
  oneInvalid('CLEAN-007/bad-quality-code', 'a reading with quality code 3 is removed', 'CLEAN-007', reading('north-1', 3, 500, { quality: 3 })),
  oneInvalid('CLEAN-008/negative', 'a negative reading is removed', 'CLEAN-008', reading('north-1', 3, -1)),
  oneInvalid('CLEAN-009/unit-error', 'a reading over 50 × the interval capacity is removed', 'CLEAN-009', reading('north-1', 3, 2_500 * 50 + 1)),
  oneInvalid('CLEAN-010/spike', 'a reading over the interval capacity is removed', 'CLEAN-010', reading('north-1', 3, 2_501)),
  dataCheck({
    id: 'CLEAN-011/zero-runs',
    title: 'four consecutive zeros are a stuck meter and removed; three are kept',
    requirements: ['CLEAN-011', 'CLEAN-013'],
    readings: [...[500, 0, 0, 0, 0, 500, 500, 500].map((w, s) => reading('north-1', s, w)), ...[500, 0, 0, 0].map((w, s) => reading('north-2', s, w))],
    summary: { input: 12, duplicates: 0, invalid: 4, kept: 8, secondary: 3 },
    queries: { 'region=north': [record('north-1', 0, 500, 250), record('north-1', 4, 1500, 750), record('north-2', 0, 500, 1000)] },
  }),
];
