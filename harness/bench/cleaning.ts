// The cleaning benchmark (design §4, issue 4): generate seeded DR readings once, clean them on a
// Piscina pool and with DuckDB on identical in-memory data (generation and loading untimed and
// reported apart), interleaving samples so machine noise hits both sides alike; check both give
// the same hourly output (digest) and score our removals against the ground truth.

import { availableParallelism } from 'node:os';
import { copyReadings, READING_BYTES, sharedAllocate, type CleanResult } from '../adapters/reference.js';
import { accuracy } from '../workload/accuracy.js';
import { generateReadings } from '../workload/readings.js';
import { openDuckDbPeer } from './cleaning-duckdb.js';
import { hourlyDigest } from './cleaning-digest.js';
import { CleaningPool } from './cleaning-pool.js';
import { median, round } from './stats.js';

export interface CleaningBenchOptions {
  readonly records: number;
  readonly seed?: number;
  /** Worker threads (default: CPU cores); DuckDB gets as many threads. */
  readonly workers?: number;
  readonly peer?: 'duckdb' | 'none';
  /** Timed runs per side (at least 5). */
  readonly samples?: number;
  /** Called after each step (progress on a TTY). */
  readonly onProgress?: (message: string) => void;
}

export type DuckDbPeerMetrics =
  | {
      readonly available: true;
      readonly recordsPerSec: number;
      readonly recordsPerSecSamples: readonly number[];
      readonly msSamples: readonly number[];
      readonly sameOutput: boolean;
      readonly outputDigest: string;
      readonly version: string;
      readonly threads: number;
      readonly loadMs: number;
      readonly sql: string;
    }
  | { readonly available: false; readonly reason: string };

export interface CleaningMetrics {
  readonly records: number;
  readonly seed: number;
  readonly workers: number;
  readonly recordsPerSec: number;
  readonly recordsPerSecSamples: readonly number[];
  readonly msSamples: readonly number[];
  readonly mbPerSec: number;
  readonly mbPerSecSamples: readonly number[];
  readonly bytesPerRecord: number;
  readonly precision: number;
  readonly recall: number;
  readonly defects: number;
  readonly removed: number;
  /** SHA-256 of the hourly rows (meter, hour order). */
  readonly outputDigest: string;
  readonly generateMs: number;
  /** Copying the generated columns into SharedArrayBuffers (our side's load). */
  readonly loadMs: number;
  readonly summary: CleanResult['summary'];
  /** Ours ÷ DuckDB median records/s (absent without the peer). */
  readonly speedupVsDuckdb?: number;
  readonly peakRssBytes: number;
  readonly peers: { readonly duckdb?: DuckDbPeerMetrics };
}

export const SAMPLES_MIN = 5;

export async function runCleaningBench(options: CleaningBenchOptions): Promise<CleaningMetrics> {
  const seed = options.seed ?? 1;
  const workers = options.workers ?? availableParallelism();
  const samples = Math.max(SAMPLES_MIN, options.samples ?? SAMPLES_MIN);
  const say = options.onProgress ?? (() => {});
  let t = performance.now();
  const generated = generateReadings({ records: options.records, seed });
  const generateMs = performance.now() - t;
  t = performance.now();
  const cols = copyReadings(generated.readings, sharedAllocate);
  const loadMs = performance.now() - t;
  const n = cols.count;
  say(`generated ${n} readings in ${generateMs.toFixed(0)} ms`);

  const duck = options.peer === 'duckdb' ? await openDuckDbPeer(cols, workers) : null;
  const pool = new CleaningPool(workers);
  try {
    let first = await pool.clean(cols); // warm-up: JIT and worker start, untimed
    if (duck && 'run' in duck) await duck.run();
    const ours: number[] = [];
    const theirs: number[] = [];
    let duckDigest = '';
    for (let s = 0; s < samples; s++) {
      t = performance.now();
      const result = await pool.clean(cols);
      ours.push(performance.now() - t);
      if (s === 0) first = result;
      if (duck && 'run' in duck) {
        const r = await duck.run();
        theirs.push(r.ms);
        if (s === 0) duckDigest = hourlyDigest(r.hourly);
      }
      say(`sample ${s + 1}/${samples}: ours ${ours[s]!.toFixed(0)} ms${theirs[s] === undefined ? '' : `, duckdb ${theirs[s]!.toFixed(0)} ms`}`);
    }
    const digest = hourlyDigest(first.hourly);
    const acc = accuracy(first.status, generated.truth, n);
    const perSec = ours.map((ms) => round((n * 1000) / ms));
    const recordsPerSec = median(perSec);
    let peer: DuckDbPeerMetrics | undefined;
    if (duck && 'run' in duck) {
      const duckPerSec = theirs.map((ms) => round((n * 1000) / ms));
      peer = {
        available: true,
        recordsPerSec: median(duckPerSec),
        recordsPerSecSamples: duckPerSec,
        msSamples: theirs.map((ms) => round(ms)),
        sameOutput: duckDigest === digest,
        outputDigest: duckDigest,
        version: duck.version,
        threads: duck.threads,
        loadMs: round(duck.loadMs),
        sql: duck.sql,
      };
      duck.close();
    } else if (duck) {
      peer = { available: false, reason: duck.unavailable };
    }
    return {
      records: n,
      seed,
      workers,
      recordsPerSec,
      recordsPerSecSamples: perSec,
      msSamples: ours.map((ms) => round(ms)),
      mbPerSec: round((recordsPerSec * READING_BYTES) / 1e6),
      mbPerSecSamples: perSec.map((r) => round((r * READING_BYTES) / 1e6)),
      bytesPerRecord: READING_BYTES,
      precision: acc.precision,
      recall: acc.recall,
      defects: acc.defects,
      removed: acc.removed,
      outputDigest: digest,
      generateMs: round(generateMs),
      loadMs: round(loadMs),
      summary: first.summary,
      ...(peer?.available ? { speedupVsDuckdb: round(recordsPerSec / peer.recordsPerSec, 3) } : {}),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peers: peer ? { duckdb: peer } : {},
    };
  } finally {
    await pool.close();
  }
}
