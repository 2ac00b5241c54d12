// Cleaning across a Piscina pool over SharedArrayBuffers, in three rounds: each worker surveys a
// record range (start span, aligned readings per meter); then scatters it into cache-sized meter
// blocks (disjoint windows: block-major, range-minor offsets); then dedupes, aggregates and
// compacts a range of blocks (disjoint statuses and output rows). The main thread only plans and
// concatenates, so the output is identical for any worker count (tests/data/workers.test.ts).

import { Piscina } from 'piscina';
import {
  allocateHourlyDense,
  allocateTuples,
  blockLayout,
  cleanReadings,
  concatHourly,
  allocateHourly,
  DEFAULT_CLEAN_PARAMS,
  planFromSurveys,
  summarise,
  type BlockLayout,
  type CleanParams,
  type CleanResult,
  type GridPlan,
  type HourlyColumns,
  type HourlyDense,
  type RangeSurvey,
  type ReadingColumns,
} from '../adapters/reference.js';

interface StepBase {
  readonly plan: GridPlan;
  readonly params: CleanParams;
  readonly layout: BlockLayout;
  readonly status: Uint8Array;
  readonly tuples: Float64Array;
}
export type CleaningTask =
  | { readonly kind: 'survey'; readonly cols: ReadingColumns; readonly intervalMinutes: number; readonly i0: number; readonly i1: number }
  | (StepBase & { readonly kind: 'scatter'; readonly cols: ReadingColumns; readonly i0: number; readonly i1: number; readonly next: Int32Array })
  | (StepBase & {
      readonly kind: 'blocks';
      readonly starts: Int32Array;
      readonly out: HourlyDense;
      /** Compacted rows of the block range go here from row m0 × hours. */
      readonly rows: HourlyColumns;
      readonly b0: number;
      readonly b1: number;
    });

const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);

export class CleaningPool {
  private readonly pool: Piscina<CleaningTask, number | RangeSurvey>;
  private tuples: Float64Array<ArrayBufferLike> = new Float64Array(0);

  constructor(readonly workers: number) {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected an integer ≥ 1, got ${workers}`);
    this.pool = new Piscina({
      filename: new URL('./cleaning-worker.js', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
    });
  }

  /** Cleans `cols` (whose arrays must be backed by SharedArrayBuffers) across the pool. */
  async clean(cols: ReadingColumns, params: Partial<CleanParams> = {}): Promise<CleanResult> {
    const p: CleanParams = { ...DEFAULT_CLEAN_PARAMS, ...params };
    const w = this.workers;
    const n = cols.count;
    const recordsPer = Math.ceil(n / w);
    const ranges = Array.from({ length: w }, (_, r) => [Math.min(n, r * recordsPer), Math.min(n, (r + 1) * recordsPer)] as const);
    // Round 1: each record range's start span and aligned readings per meter.
    const surveys = (await Promise.all(
      ranges.map(([i0, i1]) => this.pool.run({ kind: 'survey', cols, intervalMinutes: p.intervalMinutes, i0, i1 })),
    )) as unknown as RangeSurvey[];
    const plan = planFromSurveys(cols.meterIds.length, surveys, p);
    if (plan === null) return cleanReadings(cols, p); // rare huge grids: sorted path, in-process
    const layout = blockLayout(plan);
    // Per range and block; block-major offsets, range-minor windows inside each block.
    const counts = surveys.map((s) => {
      const c = new Int32Array(layout.blocks);
      s.alignedPerMeter.forEach((k, m) => (c[Math.floor(m / layout.blockMeters)]! += k));
      return c;
    });
    const starts = new Int32Array(shared(4 * (layout.blocks + 1)));
    const nexts = counts.map(() => new Int32Array(shared(4 * layout.blocks)));
    let at = 0;
    for (let b = 0; b < layout.blocks; b++) {
      starts[b] = at;
      for (let r = 0; r < w; r++) {
        nexts[r]![b] = at;
        at += counts[r]![b]!;
      }
    }
    starts[layout.blocks] = at;
    if (this.tuples.length < 4 * at) this.tuples = allocateTuples(at, shared);
    const base = { plan, params: p, layout, status: new Uint8Array(shared(n)), tuples: this.tuples };
    await Promise.all(
      nexts.map((next, r) => this.pool.run({ ...base, kind: 'scatter', cols, next, i0: ranges[r]![0], i1: ranges[r]![1] })),
    );
    const out = allocateHourlyDense(plan, shared);
    const rows = allocateHourly(plan.meters * plan.hours, shared);
    const blocksPer = Math.ceil(layout.blocks / w);
    const windows: Promise<readonly [number, number]>[] = [];
    for (let b0 = 0; b0 < layout.blocks; b0 += blocksPer) {
      const b1 = Math.min(layout.blocks, b0 + blocksPer);
      const task = this.pool.run({ ...base, kind: 'blocks', starts, out, rows, b0, b1 });
      windows.push(task.then((count) => [b0 * layout.blockMeters * plan.hours, count as number] as const));
    }
    const hourly = concatHourly(rows, await Promise.all(windows));
    return { hourly, status: base.status, summary: summarise(base.status, n, hourly.count) };
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
