// Parsing DR data lines (SPEC DATA-001..006): CSV or JSON Lines, one record per line. A line
// that cannot be read becomes a Reject naming its line, field and what was expected; the rest
// is kept. Invalid *values* (negative, duplicate, ...) are cleaning's business, not parsing's.

import type { BidCurve, BidStep, FlexTrade } from './bids.js';
import { allocateReadings, MeterIndex, type MutableReadingColumns, type ReadingColumns } from './columns.js';
import { parseIsoMs } from './time.js';

export type DataFormat = 'csv' | 'jsonl';

export interface Reject {
  readonly line: number;
  readonly field: string;
  readonly expected: string;
  readonly text: string;
}

export interface ParsedData {
  readonly readings: ReadingColumns;
  readonly bids: readonly BidCurve[];
  readonly trades: readonly FlexTrade[];
  readonly rejects: readonly Reject[];
  /** Data lines seen (blank and `#` comment lines excluded). */
  readonly lines: number;
}

export const CSV_HEADER =
  '# raa-bench data v1 | reading,meter,start,lengthMin,wh,quality,received,multiplier,capacityWh' +
  ' | bid,participant,intervalStart,price1,quantity1,... | trade,buyer,seller,intervalStart,kwh,price';
export const READING_FIELDS = ['kind', 'meter', 'start', 'lengthMin', 'wh', 'quality', 'received', 'multiplier', 'capacityWh'] as const;
const REJECT_TEXT_MAX = 200;
/** Interval starts are stored as Int32 minutes. */
const START_MS_MAX = 2 ** 31 * 60_000;

class LineError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected}`);
  }
}

function num(value: unknown, field: string, integer = false): number {
  const v = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(v)) throw new LineError(field, integer ? 'an integer' : 'a finite number');
  if (integer && !Number.isInteger(v)) throw new LineError(field, 'an integer');
  return v;
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new LineError(field, 'a non-empty string');
  return value;
}

function time(value: unknown, field: string): number {
  const ms = typeof value === 'string' ? parseIsoMs(value) : NaN;
  if (Number.isNaN(ms)) throw new LineError(field, 'an ISO 8601 timestamp YYYY-MM-DDTHH:MM:SS(Z|±HH:MM)');
  return ms;
}

/** Incremental parser: push text in chunks of whole lines, then `finish()`. */
export class DataParser {
  private cols: MutableReadingColumns = allocateReadings(1024);
  private readonly meters = new MeterIndex();
  private readonly bids: BidCurve[] = [];
  private readonly trades: FlexTrade[] = [];
  private readonly rejects: Reject[] = [];
  private lines = 0;

  constructor(private readonly format: DataFormat) {}

  /** Parses `text` (whole lines); `firstLine` is the 1-based number of its first line. */
  push(text: string, firstLine: number): number {
    let lineNo = firstLine;
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      const end = to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to;
      const line = text.slice(from, end);
      if (line.trim() !== '' && !line.startsWith('#')) this.parseLine(line, lineNo);
      lineNo++;
      from = to + 1;
    }
    return lineNo;
  }

  finish(): ParsedData {
    this.cols.meterIds = this.meters.ids;
    return { readings: this.cols, bids: this.bids, trades: this.trades, rejects: this.rejects, lines: this.lines };
  }

  private parseLine(line: string, lineNo: number): void {
    this.lines++;
    try {
      if (this.format === 'csv') this.csvLine(line.split(','));
      else this.jsonLine(line);
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      const text = line.length > REJECT_TEXT_MAX ? `${line.slice(0, REJECT_TEXT_MAX)}…` : line;
      this.rejects.push({ line: lineNo, field: error.field, expected: error.expected, text });
    }
  }

  private csvLine(f: string[]): void {
    const kind = f[0];
    if (kind === 'reading') {
      if (f.length !== READING_FIELDS.length) throw new LineError('columns', `${READING_FIELDS.length} columns for a reading, got ${f.length}`);
      this.addReading(f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
    } else if (kind === 'bid') {
      if (f.length < 5 || (f.length - 3) % 2 !== 0) throw new LineError('columns', `3 + 2 × steps columns for a bid, got ${f.length}`);
      const steps: BidStep[] = [];
      for (let k = 3; k < f.length; k += 2) {
        steps.push({ priceEurPerMwh: num(f[k], `price${(k - 1) / 2}`), quantityKwh: num(f[k + 1], `quantity${(k - 1) / 2}`) });
      }
      this.bids.push({ participantId: str(f[1], 'participant'), intervalStartMs: time(f[2], 'intervalStart'), steps });
    } else if (kind === 'trade') {
      if (f.length !== 6) throw new LineError('columns', `6 columns for a trade, got ${f.length}`);
      this.addTrade(f[1], f[2], f[3], f[4], f[5]);
    } else {
      throw new LineError('kind', "'reading', 'bid' or 'trade'");
    }
  }

  private jsonLine(line: string): void {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new LineError('line', 'one JSON object');
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new LineError('line', 'one JSON object');
    const r = o as Record<string, unknown>;
    if (r.kind === 'reading') {
      this.addReading(r.meter, r.start, r.lengthMin, r.wh, r.quality, r.received, r.multiplier, r.capacityWh);
    } else if (r.kind === 'bid') {
      if (!Array.isArray(r.steps)) throw new LineError('steps', 'an array of [price, quantity] pairs');
      const steps = r.steps.map((s: unknown, k) => {
        if (!Array.isArray(s) || s.length !== 2) throw new LineError(`steps[${k}]`, 'a [price, quantity] pair');
        return { priceEurPerMwh: num(s[0], `steps[${k}][0]`), quantityKwh: num(s[1], `steps[${k}][1]`) };
      });
      this.bids.push({ participantId: str(r.participant, 'participant'), intervalStartMs: time(r.intervalStart, 'intervalStart'), steps });
    } else if (r.kind === 'trade') {
      this.addTrade(r.buyer, r.seller, r.intervalStart, r.kwh, r.price);
    } else {
      throw new LineError('kind', "'reading', 'bid' or 'trade'");
    }
  }

  private addReading(...v: unknown[]): void {
    const meterId = str(v[0], 'meter');
    const startMs = time(v[1], 'start');
    if (startMs % 60_000 !== 0) throw new LineError('start', 'a whole minute');
    if (startMs < 0 || startMs >= START_MS_MAX) throw new LineError('start', 'a time between 1970 and 6000');
    const lengthMin = num(v[2], 'lengthMin', true);
    if (lengthMin < 1 || lengthMin > 1440) throw new LineError('lengthMin', 'an integer in [1, 1440]');
    const wh = num(v[3], 'wh');
    const quality = num(v[4], 'quality', true);
    if (quality < 0 || quality > 255) throw new LineError('quality', 'an integer in [0, 255]');
    const receivedMs = time(v[5], 'received');
    const multiplier = num(v[6], 'multiplier');
    const capacityWh = num(v[7], 'capacityWh');
    if (!(multiplier > 0)) throw new LineError('multiplier', 'a positive number');
    if (!(capacityWh > 0)) throw new LineError('capacityWh', 'a positive number');
    const c = this.reserve();
    c.meter[c.count] = this.meters.indexOf(meterId);
    c.startMin[c.count] = startMs / 60_000;
    c.lengthMin[c.count] = lengthMin;
    c.wh[c.count] = wh;
    c.quality[c.count] = quality;
    c.receivedMs[c.count] = receivedMs;
    c.multiplier[c.count] = multiplier;
    c.capacityWh[c.count] = capacityWh;
    c.count++;
  }

  private addTrade(...v: unknown[]): void {
    this.trades.push({
      buyerId: str(v[0], 'buyer'),
      sellerId: str(v[1], 'seller'),
      intervalStartMs: time(v[2], 'intervalStart'),
      kwh: num(v[3], 'kwh'),
      priceEurPerMwh: num(v[4], 'price'),
    });
  }

  private reserve(): MutableReadingColumns {
    const c = this.cols;
    if (c.count < c.meter.length) return c;
    const bigger = allocateReadings(c.meter.length * 2);
    bigger.count = c.count;
    bigger.meter.set(c.meter);
    bigger.startMin.set(c.startMin);
    bigger.lengthMin.set(c.lengthMin);
    bigger.wh.set(c.wh);
    bigger.quality.set(c.quality);
    bigger.receivedMs.set(c.receivedMs);
    bigger.multiplier.set(c.multiplier);
    bigger.capacityWh.set(c.capacityWh);
    this.cols = bigger;
    return bigger;
  }
}

/** Parses a whole text at once. */
export function parseDataText(text: string, format: DataFormat): ParsedData {
  const parser = new DataParser(format);
  parser.push(text, 1);
  return parser.finish();
}
