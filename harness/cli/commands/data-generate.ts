// `raa-bench data generate --records N --seed S --out FILE`: seeded DR data with defects.

import { writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../command.js';
import { generateMarket, participantsFor } from '../../workload/bids.js';
import { DEFECT_NAMES } from '../../workload/defects.js';
import { generateReadings } from '../../workload/readings.js';
import { formatFor, writeDataFile } from '../../workload/write.js';
import type { SubCommand } from './group.js';

/** Generation holds ~3 copies of the columns (~130 B per reading): 20M stays under 3 GiB. */
export const RECORDS_MAX = 20_000_000;

export function positiveInt(value: unknown, option: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`--${option}: expected an integer in [1, ${max}], got ${String(value)}`);
  }
  return value;
}

export const dataGenerate: SubCommand = {
  name: 'generate',
  describe: 'write seeded meter readings, bids and trades with injected defects (CSV, or JSON Lines for *.jsonl)',
  optionNames: ['records', 'seed', 'out', 'truth'],
  options: (y) =>
    y
      .option('records', { type: 'number', describe: 'meter readings to write (bids: 1%, trades: 0.5% more)' })
      .option('seed', { type: 'number', default: 1, describe: 'PRNG seed' })
      .option('out', { type: 'string', describe: 'output file (.csv or .jsonl)' })
      .option('truth', { type: 'string', describe: 'also write the per-reading ground truth (JSON) here' }),
  async run(args, io) {
    const records = positiveInt(args.records, 'records', RECORDS_MAX);
    const seed = args.seed;
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new UsageError(`--seed: expected an integer in [0, 4294967295], got ${String(seed)}`);
    }
    if (typeof args.out !== 'string' || args.out === '') throw new UsageError('--out: expected an output file');
    const g = generateReadings({ records, seed });
    const market = generateMarket({
      bids: Math.floor(records / 100),
      trades: Math.floor(records / 200),
      participants: participantsFor(g.readings.meterIds),
      startMs: g.startMs,
      seed,
    });
    let bytes: number;
    try {
      bytes = writeDataFile(args.out, { readings: g.readings, bids: market.bids, trades: market.trades }, formatFor(args.out));
      if (typeof args.truth === 'string') {
        const kinds = ['none', ...DEFECT_NAMES];
        const readings = Array.from(g.truth.subarray(0, g.readings.count), (k) => kinds[k]);
        writeFileSync(args.truth, `${JSON.stringify({ seed, records, gaps: g.gaps, readings, bids: market.bidTruth })}\n`);
      }
    } catch (error) {
      throw new UsageError(`${args.out}: cannot write (${error instanceof Error ? error.message : String(error)})`);
    }
    io.stderr(
      `wrote ${args.out}: ${g.readings.count} readings (${g.meters} meters, ${g.gaps} gaps), ${market.bids.length} bids, ${market.trades.length} trades, ${bytes} bytes`,
    );
    return EXIT.ok;
  },
};
