// Columnar meter readings: one typed array per field, so cleaning reads memory sequentially and
// the arrays can live in SharedArrayBuffers that worker threads read without copying.

export interface ReadingColumns {
  /** Number of readings (arrays may be longer). */
  readonly count: number;
  /** Meter ids; `meter[i]` indexes this list. */
  readonly meterIds: readonly string[];
  readonly meter: Int32Array;
  /** Interval start, UTC minutes since the Unix epoch. */
  readonly startMin: Int32Array;
  readonly lengthMin: Int16Array;
  /** Energy as read, in Wh, before the multiplier. */
  readonly wh: Float64Array;
  readonly quality: Uint8Array;
  readonly receivedMs: Float64Array;
  readonly multiplier: Float64Array;
  /** Meter capacity in Wh per hour. */
  readonly capacityWh: Float64Array;
}

/** Bytes per reading across all columns (used to express throughput in MB/s). */
export const READING_BYTES = 4 + 4 + 2 + 8 + 1 + 8 + 8 + 8;

export type Allocate = (bytes: number) => ArrayBufferLike;
export const plainAllocate: Allocate = (bytes) => new ArrayBuffer(bytes);
export const sharedAllocate: Allocate = (bytes) => new SharedArrayBuffer(bytes);

export interface MutableReadingColumns {
  count: number;
  meterIds: string[];
  meter: Int32Array;
  startMin: Int32Array;
  lengthMin: Int16Array;
  wh: Float64Array;
  quality: Uint8Array;
  receivedMs: Float64Array;
  multiplier: Float64Array;
  capacityWh: Float64Array;
}

export function allocateReadings(capacity: number, allocate: Allocate = plainAllocate): MutableReadingColumns {
  const n = Math.max(0, capacity);
  return {
    count: 0,
    meterIds: [],
    meter: new Int32Array(allocate(4 * n)),
    startMin: new Int32Array(allocate(4 * n)),
    lengthMin: new Int16Array(allocate(2 * n)),
    wh: new Float64Array(allocate(8 * n)),
    quality: new Uint8Array(allocate(n)),
    receivedMs: new Float64Array(allocate(8 * n)),
    multiplier: new Float64Array(allocate(8 * n)),
    capacityWh: new Float64Array(allocate(8 * n)),
  };
}

/** The columns of readings [0, count) copied into fresh (e.g. shared) buffers. */
export function copyReadings(cols: ReadingColumns, allocate: Allocate): ReadingColumns {
  const out = allocateReadings(cols.count, allocate);
  const n = cols.count;
  out.count = n;
  out.meterIds = [...cols.meterIds];
  out.meter.set(cols.meter.subarray(0, n));
  out.startMin.set(cols.startMin.subarray(0, n));
  out.lengthMin.set(cols.lengthMin.subarray(0, n));
  out.wh.set(cols.wh.subarray(0, n));
  out.quality.set(cols.quality.subarray(0, n));
  out.receivedMs.set(cols.receivedMs.subarray(0, n));
  out.multiplier.set(cols.multiplier.subarray(0, n));
  out.capacityWh.set(cols.capacityWh.subarray(0, n));
  return out;
}

/** Copies reading `from` of `src` to row `to` of `dst` (all columns). */
export function copyRow(src: ReadingColumns, from: number, dst: MutableReadingColumns, to: number): void {
  dst.meter[to] = src.meter[from]!;
  dst.startMin[to] = src.startMin[from]!;
  dst.lengthMin[to] = src.lengthMin[from]!;
  dst.wh[to] = src.wh[from]!;
  dst.quality[to] = src.quality[from]!;
  dst.receivedMs[to] = src.receivedMs[from]!;
  dst.multiplier[to] = src.multiplier[from]!;
  dst.capacityWh[to] = src.capacityWh[from]!;
}

/** Interns meter ids to dense indices while columns are built. */
export class MeterIndex {
  private readonly byId = new Map<string, number>();
  readonly ids: string[] = [];
  indexOf(id: string): number {
    let i = this.byId.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.byId.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}
