// `raa-bench bench cleaning --records N [--workers N] [--peer duckdb] [--samples N] [--out DIR]`:
// our cleaning vs DuckDB on identical in-memory data → DIR/results.json metrics.cleaning.

import { availableParallelism } from 'node:os';
import { runCleaningBench, SAMPLES_MIN } from '../../bench/cleaning.js';
import { RESULTS_SCHEMA_VERSION, writeResults } from '../../report/results.js';
import { EXIT, UsageError } from '../command.js';
import { positiveInt, RECORDS_MAX } from './data-generate.js';
import type { SubCommand } from './group.js';

export const WORKERS_MAX = 256;

export const benchCleaning: SubCommand = {
  name: 'cleaning',
  describe: 'cleaning records/s vs DuckDB on the same generated data (precision/recall vs ground truth)',
  optionNames: ['records', 'workers', 'peer', 'samples', 'seed', 'out'],
  options: (y) =>
    y
      .option('records', { type: 'number', default: 2_000_000, describe: 'meter readings to generate' })
      .option('workers', { type: 'number', describe: 'worker threads (default: CPU cores); DuckDB gets as many' })
      .option('peer', { type: 'string', choices: ['duckdb', 'none'], default: 'duckdb', describe: 'peer to compare with' })
      .option('samples', { type: 'number', default: 7, describe: `timed runs per side (≥ ${SAMPLES_MIN})` })
      .option('seed', { type: 'number', default: 1, describe: 'workload seed' })
      .option('out', { type: 'string', default: 'reports/latest', describe: 'results directory' }),
  async run(args, io) {
    const records = positiveInt(args.records, 'records', RECORDS_MAX);
    const workers = args.workers === undefined ? availableParallelism() : positiveInt(args.workers, 'workers', WORKERS_MAX);
    const samples = positiveInt(args.samples, 'samples', 1000);
    if (samples < SAMPLES_MIN) throw new UsageError(`--samples: expected at least ${SAMPLES_MIN}, got ${samples}`);
    const seed = positiveInt(Number(args.seed) + 1, 'seed') - 1;
    const peer = args.peer === 'none' ? 'none' : 'duckdb';
    const progress = process.stderr.isTTY ? (m: string) => io.stderr(m) : undefined;
    const cleaning = await runCleaningBench({ records, workers, peer, samples, seed, ...(progress ? { onProgress: progress } : {}) });
    const path = writeResults(String(args.out), {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      run: {
        command: 'bench cleaning',
        seed,
        workers,
        implementation: 'reference',
        argv: args.argv,
        env: { node: process.version, platform: process.platform, arch: process.arch, cpus: availableParallelism() },
      },
      metrics: { cleaning },
    });
    const duck = cleaning.peers.duckdb;
    const peerLine =
      duck === undefined
        ? 'no peer'
        : duck.available
          ? `duckdb ${duck.version} (${duck.threads} threads) ${(duck.recordsPerSec / 1e6).toFixed(2)} M records/s, same output: ${duck.sameOutput}; ours ${cleaning.speedupVsDuckdb}×`
          : `duckdb unavailable: ${duck.reason}`;
    io.stdout(
      `cleaning ${records} readings on ${workers} workers: ${(cleaning.recordsPerSec / 1e6).toFixed(2)} M records/s (median of ${samples}), ` +
        `precision ${cleaning.precision}, recall ${cleaning.recall}; ${peerLine}; peak RSS ${(cleaning.peakRssBytes / 2 ** 20).toFixed(0)} MiB → ${path}`,
    );
    const failed = cleaning.precision !== 1 || cleaning.recall !== 1 || (duck?.available === true && !duck.sameOutput);
    return failed ? EXIT.failure : EXIT.ok;
  },
};
