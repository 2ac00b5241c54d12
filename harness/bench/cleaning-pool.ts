// Cleaning across a Piscina pool over SharedArrayBuffers, in two rounds: each worker scatters a
// record range into cache-sized meter blocks (disjoint windows, offsets from a histogram), then
// each worker dedupes and aggregates a range of blocks (disjoint statuses and output rows). The
// output is identical for any worker count (tests/data/workers.test.ts).

import { Piscina } from 'piscina';
import {
  allocateHourlyDense,
  allocateTuples,
  blockLayout,
  cleanReadings,
  compactHourly,
  countBlocks,
  DEFAULT_CLEAN_PARAMS,
  planGrid,
  summarise,
  type BlockLayout,
  type CleanParams,
  type CleanResult,
  type GridPlan,
  type HourlyDense,
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
  | (StepBase & { readonly kind: 'scatter'; readonly cols: ReadingColumns; readonly i0: number; readonly i1: number; readonly next: Int32Array })
  | (StepBase & { readonly kind: 'blocks'; readonly starts: Int32Array; readonly out: HourlyDense; readonly b0: number; readonly b1: number });

const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);

export class CleaningPool {
  private readonly pool: Piscina<CleaningTask, number>;
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
    const plan = planGrid(cols, p);
    if (plan === null) return cleanReadings(cols, p); // rare huge grids: sorted path, in-process
    const layout = blockLayout(plan);
    const w = this.workers;
    const n = cols.count;
    const recordsPer = Math.ceil(n / w);
    // Histogram per record range; block-major offsets, range-minor windows inside each block.
    const counts = Array.from({ length: w }, (_, r) => {
      const c = new Int32Array(layout.blocks);
      countBlocks(cols, plan, layout, r * recordsPer, Math.min(n, (r + 1) * recordsPer), c);
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
      nexts.map((next, r) =>
        this.pool.run({ ...base, kind: 'scatter', cols, next, i0: Math.min(n, r * recordsPer), i1: Math.min(n, (r + 1) * recordsPer) }),
      ),
    );
    const out = allocateHourlyDense(plan, shared);
    const blocksPer = Math.ceil(layout.blocks / w);
    const rounds: Promise<number>[] = [];
    for (let b0 = 0; b0 < layout.blocks; b0 += blocksPer) {
      rounds.push(this.pool.run({ ...base, kind: 'blocks', starts, out, b0, b1: Math.min(layout.blocks, b0 + blocksPer) }));
    }
    await Promise.all(rounds);
    const hourly = compactHourly(plan, out);
    return { hourly, status: base.status, summary: summarise(base.status, n, hourly.count) };
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
