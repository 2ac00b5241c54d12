// Seeded generator of 15-minute interval meter readings with injected defects and per-record
// ground truth (design §4). Columnar: the output lives in typed arrays (optionally shared).

import {
  allocateReadings,
  copyRow,
  plainAllocate,
  type Allocate,
  type MutableReadingColumns,
  type ReadingColumns,
} from '../adapters/reference.js';
import { DEFAULT_DEFECT_RATES, DefectKind, SLOT_KINDS, type DefectRates } from './defects.js';
import { SeededRng } from './rng.js';

export interface ReadingsOptions {
  /** Total readings emitted (duplicates included). */
  readonly records: number;
  readonly seed: number;
  /** Slots per meter (default 960: ten days of 15-minute intervals). */
  readonly slotsPerMeter?: number;
  /** First interval start, UTC ms (default 2026-03-25T00:00Z, so the data spans a DST change). */
  readonly startMs?: number;
  readonly rates?: Partial<DefectRates>;
  readonly allocate?: Allocate;
}

export interface GeneratedReadings {
  readonly readings: ReadingColumns;
  /** DefectKind per reading (ground truth). */
  readonly truth: Uint8Array;
  readonly meters: number;
  readonly slotsPerMeter: number;
  /** Base slots left empty (gaps). */
  readonly gaps: number;
  readonly startMs: number;
}

export const DEFAULT_START_MS = Date.UTC(2026, 2, 25);
const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;
/** Hourly load profile, per mille of a meter's base (UTC hours). */
const PROFILE = [520, 500, 500, 510, 540, 600, 720, 850, 900, 880, 860, 850, 860, 850, 840, 850, 900, 980, 1000, 960, 880, 760, 640, 560];
const GAP = 255;
const INTERVAL_MIN = 15;

interface Meter {
  readonly id: string;
  readonly capacityWh: number;
  readonly multiplier: number;
  readonly basePermille: number;
}

function makeMeter(rng: SeededRng, index: number): Meter {
  const region = REGIONS[rng.below(REGIONS.length)]!;
  const id = `${region}-${String(index).padStart(6, '0')}`;
  const kind = rng.below(10);
  const basePermille = 150 + rng.below(151);
  if (kind < 7) return { id, capacityWh: 5000 + 1000 * rng.below(11), multiplier: 1, basePermille };
  if (kind < 9) return { id, capacityWh: 50_000 + 10_000 * rng.below(36), multiplier: 10, basePermille };
  return { id, capacityWh: 1_000_000 + 100_000 * rng.below(41), multiplier: 100, basePermille };
}

/** A valid reading's Wh: energy within [0.1, 0.5) of the interval capacity. */
function normalWh(rng: SeededRng, meter: Meter, startMin: number): number {
  const capIntervalWh = meter.capacityWh / 4;
  const hour = Math.floor(startMin / 60) % 24;
  const frac = 100 + Math.floor((meter.basePermille * PROFILE[hour]!) / 1000) + rng.below(100);
  return Math.floor((capIntervalWh * frac) / 1000 / meter.multiplier);
}

function quality(rng: SeededRng): number {
  const r = rng.below(100);
  if (r < 3) return 8 + rng.below(2);
  if (r < 4) return rng.below(2) === 0 ? 10 : 14;
  return 0;
}

export function generateReadings(options: ReadingsOptions): GeneratedReadings {
  const rates: DefectRates = { ...DEFAULT_DEFECT_RATES, ...options.rates };
  const n = Math.max(0, Math.floor(options.records));
  const rng = new SeededRng(options.seed);
  const slots = options.slotsPerMeter ?? 960;
  const startMs = options.startMs ?? DEFAULT_START_MS;
  const exact = Math.round(n * rates.exactDuplicate);
  const resent = Math.round(n * rates.resentDuplicate);
  const meters = Math.max(1, Math.ceil((n - exact - resent + Math.round(n * rates.gap)) / slots));
  const cells = meters * slots;
  const gaps = Math.max(0, cells - (n - exact - resent));
  const meterList = Array.from({ length: meters }, (_, m) => makeMeter(rng, m));
  // Gaps first, then defects on the remaining slots (a zero run stops at a gap), then duplicates
  // of normal slots: so any record count fits, down to a single reading.
  const kinds = new Uint8Array(cells);
  const dupOf = new Uint8Array(cells);
  pickCells(rng, kinds, dupOf, gaps, (c) => (kinds[c] = GAP));
  assignSlotKinds(rng, kinds, meters, slots, rates);
  pickCells(rng, kinds, dupOf, exact, (c) => (dupOf[c] = DefectKind.exactDuplicate));
  pickCells(rng, kinds, dupOf, resent, (c) => (dupOf[c] = DefectKind.resentDuplicate));

  const cols = allocateReadings(n, plainAllocate);
  const truth = new Uint8Array(n);
  cols.meterIds = meterList.map((m) => m.id);
  const exactPairs: number[] = [];
  let k = 0;
  const baseMin = Math.floor(startMs / 60_000);
  for (let c = 0; c < cells && k < n; c++) {
    const kind = kinds[c]!;
    if (kind === GAP) continue;
    const m = Math.floor(c / slots);
    const meter = meterList[m]!;
    const startMin = baseMin + (c % slots) * INTERVAL_MIN;
    emit(rng, cols, k, m, meter, startMin, kind);
    truth[k] = kind;
    k++;
    const dup = dupOf[c]!;
    if (dup !== 0 && k < n) {
      copyRow(cols, k - 1, cols, k);
      truth[k] = dup;
      if (dup === DefectKind.exactDuplicate) exactPairs.push(k - 1, k);
      else {
        // A stale copy: received earlier than the kept one, with a different value.
        cols.receivedMs[k] = cols.receivedMs[k - 1]! - 60_000 * (1 + rng.below(28));
        cols.wh[k] = cols.wh[k - 1]! + 1 + rng.below(50);
      }
      k++;
    }
  }
  cols.count = k;
  const shuffled = shuffle(rng, cols, truth, exactPairs, options.allocate ?? plainAllocate);
  return { readings: shuffled.cols, truth: shuffled.truth, meters, slotsPerMeter: slots, gaps, startMs };
}

function assignSlotKinds(rng: SeededRng, kinds: Uint8Array, meters: number, slots: number, rates: DefectRates): void {
  const bounds: number[] = [];
  let acc = 0;
  for (const name of SLOT_KINDS) bounds.push((acc += rates[name]));
  for (let m = 0; m < meters; m++) {
    for (let s = 0; s < slots; s++) {
      const c = m * slots + s;
      if (kinds[c] === GAP) continue;
      if (rng.unit() < rates.zeroRun) {
        let length = Math.min(4 + rng.below(5), slots - s);
        for (let k = 1; k < length; k++) if (kinds[c + k] === GAP) length = k;
        if (length >= 4) {
          kinds.fill(DefectKind.zeroRun, c, c + length);
          s += length - 1;
          continue;
        }
      }
      const u = rng.unit();
      const which = bounds.findIndex((b) => u < b);
      if (which >= 0) kinds[c] = DefectKind[SLOT_KINDS[which]!];
    }
  }
}

/** Marks `count` distinct normal, not yet duplicated cells (rejection sampling; rates are small). */
function pickCells(rng: SeededRng, kinds: Uint8Array, dupOf: Uint8Array, count: number, mark: (c: number) => void): void {
  const free = kinds.reduce((acc, k, c) => acc + (k === DefectKind.none && dupOf[c] === 0 ? 1 : 0), 0);
  if (count > free) throw new RangeError(`defect rates too high: need ${count} normal slots, have ${free}`);
  for (let done = 0; done < count; ) {
    const c = rng.below(kinds.length);
    if (kinds[c] !== DefectKind.none || dupOf[c] !== 0) continue;
    mark(c);
    done++;
  }
}

function emit(rng: SeededRng, cols: MutableReadingColumns, k: number, m: number, meter: Meter, startMin: number, kind: number): void {
  const endMs = (startMin + INTERVAL_MIN) * 60_000;
  cols.meter[k] = m;
  cols.startMin[k] = startMin;
  cols.lengthMin[k] = INTERVAL_MIN;
  cols.quality[k] = quality(rng);
  cols.multiplier[k] = meter.multiplier;
  cols.capacityWh[k] = meter.capacityWh;
  cols.receivedMs[k] = endMs + 60_000 * (30 + rng.below(1410)) + 1000 * rng.below(60);
  const wh = normalWh(rng, meter, startMin);
  cols.wh[k] = wh;
  const capIntervalWh = meter.capacityWh / 4;
  switch (kind) {
    case DefectKind.spike:
      cols.wh[k] = Math.ceil((capIntervalWh * (2 + rng.below(19))) / meter.multiplier);
      break;
    case DefectKind.negative:
      cols.wh[k] = -wh;
      break;
    case DefectKind.zeroRun:
      cols.wh[k] = 0;
      break;
    case DefectKind.future:
      cols.receivedMs[k] = endMs - 60_000 * (10 + rng.below(2880));
      break;
    case DefectKind.outOfOrder:
      cols.receivedMs[k] = endMs + 86_400_000 * 4 + 60_000 * rng.below(26 * 1440);
      break;
    case DefectKind.intervalLength:
      cols.lengthMin[k] = [5, 30, 60][rng.below(3)]!;
      break;
    case DefectKind.unit:
      cols.wh[k] = wh * 1000;
      break;
    default:
      break;
  }
}

/** Fisher–Yates over all rows; an exact duplicate's label goes to the later copy (cleaning keeps the earlier). */
function shuffle(
  rng: SeededRng,
  cols: MutableReadingColumns,
  truth: Uint8Array,
  exactPairs: readonly number[],
  allocate: Allocate,
): { cols: ReadingColumns; truth: Uint8Array } {
  const n = cols.count;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) pos[order[i]!] = i;
  const out = allocateReadings(n, allocate);
  out.count = n;
  out.meterIds = cols.meterIds;
  const outTruth = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const src = order[i]!;
    copyRow(cols, src, out, i);
    outTruth[i] = truth[src]!;
  }
  for (let p = 0; p < exactPairs.length; p += 2) {
    const a = pos[exactPairs[p]!]!;
    const b = pos[exactPairs[p + 1]!]!;
    outTruth[Math.min(a, b)] = DefectKind.none;
    outTruth[Math.max(a, b)] = DefectKind.exactDuplicate;
  }
  return { cols: out, truth: outTruth };
}
