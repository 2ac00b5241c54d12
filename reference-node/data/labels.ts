// Classification labels of hourly secondary records (SPEC DATA-007): region, customer class,
// data-quality grade and load type, all derived from the data so any node computes the same.

import type { SecondaryRecord } from '../../contract/types.js';
import type { HourlyColumns } from './hourly.js';

export const CUSTOMER_CLASS_LIMITS_WH = { residential: 20_000, commercial: 500_000 } as const;
/** UTC hours [from, to) labelled peak. */
export const PEAK_HOURS_UTC = { from: 8, to: 20 } as const;

/** Region: the meter id's prefix before the first '-' (DATA-001 id format), else 'unknown'. */
export function regionOf(meterId: string): string {
  const dash = meterId.indexOf('-');
  return dash > 0 ? meterId.slice(0, dash) : 'unknown';
}

export function customerClassOf(capacityWh: number): string {
  if (capacityWh <= CUSTOMER_CLASS_LIMITS_WH.residential) return 'residential';
  if (capacityWh <= CUSTOMER_CLASS_LIMITS_WH.commercial) return 'commercial';
  return 'industrial';
}

/** A: complete and all readings valid-coded; B: ≥ 3/4 complete, none questionable; else C. */
export function gradeOf(readings: number, estimated: number, questionable: number, perHour: number): string {
  if (readings === perHour && estimated === 0 && questionable === 0) return 'A';
  if (readings * 4 >= perHour * 3 && questionable === 0) return 'B';
  return 'C';
}

export function loadTypeOf(hourMin: number): string {
  const hour = Math.floor(hourMin / 60) % 24;
  return hour >= PEAK_HOURS_UTC.from && hour < PEAK_HOURS_UTC.to ? 'peak' : 'offpeak';
}

/** Labelled records from hourly columns; `capacityOf(meter)` gives a meter's capacity in Wh/h. */
export function toSecondaryRecords(
  hourly: HourlyColumns,
  meterIds: readonly string[],
  capacityOf: (meter: number) => number,
  readingsPerHour: number,
): SecondaryRecord[] {
  const out: SecondaryRecord[] = [];
  for (let k = 0; k < hourly.count; k++) {
    const m = hourly.meter[k]!;
    const meterId = meterIds[m] ?? String(m);
    const readings = hourly.readings[k]!;
    out.push({
      meterId,
      hourStartMs: hourly.hourMin[k]! * 60_000,
      energyWh: Math.round(hourly.energyWh[k]!),
      completenessPermille: Math.floor((readings * 1000) / readingsPerHour),
      labels: {
        region: regionOf(meterId),
        customerClass: customerClassOf(capacityOf(m)),
        quality: gradeOf(readings, hourly.estimated[k]!, hourly.questionable[k]!, readingsPerHour),
        loadType: loadTypeOf(hourly.hourMin[k]!),
      },
    });
  }
  // Meter ids, not dense indices (which follow input order), fix the order (DATA-008, DATA-009).
  return out.sort((a, b) => (a.meterId < b.meterId ? -1 : a.meterId > b.meterId ? 1 : a.hourStartMs - b.hourStartMs));
}

/** Whether a record matches a label query: `key=value`, or a bare value matching any label. */
export function matchesLabel(record: SecondaryRecord, label: string): boolean {
  const eq = label.indexOf('=');
  if (eq < 0) return Object.values(record.labels).includes(label);
  return record.labels[label.slice(0, eq)] === label.slice(eq + 1);
}
