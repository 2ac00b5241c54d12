// Writes generated DR data as CSV or JSON Lines (SPEC DATA-001..006 formats), in batches so a
// multi-million-line file never becomes one string. Interval starts carry the local CET/CEST
// offset (DST included); receipt times are UTC.

import { closeSync, openSync, writeSync } from 'node:fs';
import { cetOffsetMin, CSV_HEADER, formatIsoMs, type BidCurve, type DataFormat, type FlexTrade, type ReadingColumns } from '../adapters/reference.js';

export function formatFor(path: string): DataFormat {
  return path.endsWith('.jsonl') || path.endsWith('.ndjson') ? 'jsonl' : 'csv';
}

const localIso = (ms: number): string => formatIsoMs(ms, cetOffsetMin(ms));
/** Interval starts repeat across meters: format each once (bounded, so memory stays small). */
const startTexts = new Map<number, string>();
const START_TEXTS_MAX = 100_000;
function localStart(ms: number): string {
  let text = startTexts.get(ms);
  if (text === undefined) {
    text = localIso(ms);
    if (startTexts.size >= START_TEXTS_MAX) startTexts.clear();
    startTexts.set(ms, text);
  }
  return text;
}

export function readingLine(cols: ReadingColumns, i: number, format: DataFormat): string {
  const startMs = cols.startMin[i]! * 60_000;
  const meter = cols.meterIds[cols.meter[i]!]!;
  const start = localStart(startMs);
  const received = formatIsoMs(cols.receivedMs[i]!);
  if (format === 'csv') {
    return `reading,${meter},${start},${cols.lengthMin[i]},${cols.wh[i]},${cols.quality[i]},${received},${cols.multiplier[i]},${cols.capacityWh[i]}`;
  }
  return JSON.stringify({
    kind: 'reading',
    meter,
    start,
    lengthMin: cols.lengthMin[i],
    wh: cols.wh[i],
    quality: cols.quality[i],
    received,
    multiplier: cols.multiplier[i],
    capacityWh: cols.capacityWh[i],
  });
}

export function bidLine(b: BidCurve, format: DataFormat): string {
  const start = localIso(b.intervalStartMs);
  if (format === 'csv') return `bid,${b.participantId},${start},${b.steps.map((s) => `${s.priceEurPerMwh},${s.quantityKwh}`).join(',')}`;
  return JSON.stringify({ kind: 'bid', participant: b.participantId, intervalStart: start, steps: b.steps.map((s) => [s.priceEurPerMwh, s.quantityKwh]) });
}

export function tradeLine(t: FlexTrade, format: DataFormat): string {
  const start = localIso(t.intervalStartMs);
  if (format === 'csv') return `trade,${t.buyerId},${t.sellerId},${start},${t.kwh},${t.priceEurPerMwh}`;
  return JSON.stringify({ kind: 'trade', buyer: t.buyerId, seller: t.sellerId, intervalStart: start, kwh: t.kwh, price: t.priceEurPerMwh });
}

/** Writes readings, then bids, then trades; returns bytes written. */
export function writeDataFile(
  path: string,
  data: { readonly readings: ReadingColumns; readonly bids: readonly BidCurve[]; readonly trades: readonly FlexTrade[] },
  format: DataFormat = formatFor(path),
): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let batch: string[] = format === 'csv' ? [CSV_HEADER] : [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const text = `${batch.join('\n')}\n`;
    bytes += writeSync(fd, text);
    batch = [];
  };
  const push = (line: string): void => {
    batch.push(line);
    if (batch.length >= 16_384) flush();
  };
  try {
    for (let i = 0; i < data.readings.count; i++) push(readingLine(data.readings, i, format));
    for (const b of data.bids) push(bidLine(b, format));
    for (const t of data.trades) push(tradeLine(t, format));
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}
