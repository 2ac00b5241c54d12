// The data-processing module a node carries (contract DataOps + SharingApi): readings are
// ingested in batches, `clean()` recomputes secondary records from everything ingested, and
// `query(label)` serves them (S5/S6 responses go through it).

import type { DataOps, MeterReading, CleaningSummary } from '../../contract/data.js';
import type { SharingApi } from '../../contract/node.js';
import type { SecondaryRecord } from '../../contract/types.js';
import { bidReason, tradeReason } from './bids.js';
import { cleanReadings, type ReadingSummary } from './clean.js';
import { allocateReadings, MeterIndex, type ReadingColumns } from './columns.js';
import { matchesLabel, toSecondaryRecords } from './labels.js';
import { DEFAULT_CLEAN_PARAMS, type CleanParams } from './params.js';

export interface DataModule {
  readonly data: DataOps;
  readonly sharing: SharingApi;
}

export interface DataModuleOptions {
  readonly params?: Partial<CleanParams>;
  /** Most readings held (a limit on memory); ingest beyond it accepts nothing more. */
  readonly readingsMax?: number;
  /** Most records one query returns. */
  readonly queryRecordsMax?: number;
}

const INT32_MINUTES_MAX_MS = 2 ** 31 * 60_000;

/** Whether a reading is well-formed enough to store (DATA-002); bad values are cleaning's job. */
function wellFormed(r: MeterReading): boolean {
  return (
    typeof r.meterId === 'string' &&
    r.meterId !== '' &&
    Number.isInteger(r.intervalStartMs) &&
    r.intervalStartMs % 60_000 === 0 &&
    r.intervalStartMs >= 0 &&
    r.intervalStartMs < INT32_MINUTES_MAX_MS &&
    Number.isInteger(r.intervalMinutes) &&
    r.intervalMinutes >= 1 &&
    r.intervalMinutes <= 1440 &&
    Number.isFinite(r.wh) &&
    Number.isInteger(r.quality) &&
    r.quality >= 0 &&
    r.quality <= 255 &&
    Number.isFinite(r.receivedAtMs) &&
    r.multiplier > 0 &&
    r.capacityWh > 0
  );
}

/** Capacity (Wh/h) of each meter: that of its first reading. */
export function meterCapacities(cols: ReadingColumns): Float64Array {
  const cap = new Float64Array(cols.meterIds.length).fill(NaN);
  for (let i = 0; i < cols.count; i++) {
    const m = cols.meter[i]!;
    if (Number.isNaN(cap[m])) cap[m] = cols.capacityWh[i]!;
  }
  return cap;
}

/** Columns of the given readings, meters indexed in order of first appearance. */
export function columnsFromReadings(readings: readonly MeterReading[]): ReadingColumns {
  const cols = allocateReadings(readings.length);
  const meters = new MeterIndex();
  readings.forEach((r, k) => {
    cols.meter[k] = meters.indexOf(r.meterId);
    cols.startMin[k] = r.intervalStartMs / 60_000;
    cols.lengthMin[k] = r.intervalMinutes;
    cols.wh[k] = r.wh;
    cols.quality[k] = r.quality;
    cols.receivedMs[k] = r.receivedAtMs;
    cols.multiplier[k] = r.multiplier;
    cols.capacityWh[k] = r.capacityWh;
  });
  cols.count = readings.length;
  cols.meterIds = meters.ids;
  return cols;
}

/** Labelled hourly records from readings (single thread). */
export function secondaryFromColumns(cols: ReadingColumns, params: CleanParams): { records: SecondaryRecord[]; summary: ReadingSummary } {
  const result = cleanReadings(cols, params);
  const capacity = meterCapacities(cols);
  const records = toSecondaryRecords(result.hourly, cols.meterIds, (m) => capacity[m]!, 60 / params.intervalMinutes);
  return { records, summary: result.summary };
}

export function createDataModule(options: DataModuleOptions = {}): DataModule {
  const params: CleanParams = { ...DEFAULT_CLEAN_PARAMS, ...options.params };
  const readingsMax = options.readingsMax ?? 1_000_000;
  const queryRecordsMax = options.queryRecordsMax ?? 10_000;
  const held: MeterReading[] = [];
  let secondary: readonly SecondaryRecord[] = [];

  const data: DataOps = {
    ingest(readings) {
      let accepted = 0;
      for (const r of readings) {
        if (held.length >= readingsMax) break;
        if (!wellFormed(r)) continue;
        held.push(r);
        accepted++;
      }
      return { accepted };
    },
    clean(): CleaningSummary {
      const out = secondaryFromColumns(columnsFromReadings(held), params);
      secondary = out.records;
      return out.summary;
    },
    query(label) {
      return sharing.query(label);
    },
    cleanMarket(bids, trades) {
      // CLEAN-012: bid curves and flexible trades are checked record by record.
      const removedByReason: Record<string, number> = {};
      let keptBids = 0;
      let keptTrades = 0;
      for (const reason of bids.map((b) => bidReason(b, params))) {
        if (reason === 'kept') keptBids++;
        else removedByReason[reason] = (removedByReason[reason] ?? 0) + 1;
      }
      for (const reason of trades.map((t) => tradeReason(t, params))) {
        if (reason === 'kept') keptTrades++;
        else removedByReason[reason] = (removedByReason[reason] ?? 0) + 1;
      }
      return { keptBids, keptTrades, removedByReason };
    },
  };
  const sharing: SharingApi = {
    query(label) {
      const out: SecondaryRecord[] = [];
      for (const r of secondary) {
        if (out.length >= queryRecordsMax) break;
        if (matchesLabel(r, label)) out.push(r);
      }
      return out;
    },
  };
  return { data, sharing };
}
