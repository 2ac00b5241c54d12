// `raa-bench bench micro`: tinybench micro-suites (hashing, signatures on both backends,
// canonical encoding, event queue), written to DIR/results.json with the reports beside it.

import type { Argv } from 'yargs';
import { MICRO_DEFAULTS } from '../../bench/micro-runner.js';
import { measureMicro } from '../../bench/micro-suite.js';
import { fmtNumber } from '../../report/format.js';
import { writeResults } from '../../report/results.js';
import { view } from '../../report/results-view.js';
import { EXIT, UsageError, type CliIo } from '../command.js';
import { runInterruptible } from '../interrupt.js';
import { createProgress, type Progress } from '../progress.js';
import type { SubCommand } from './group.js';

interface Args {
  rounds: number;
  timeMs: number;
  filter?: string;
  out: string;
  report: boolean;
}

/** Options shared with other bench subcommands carry no default here (one yargs parser holds all). */
export const benchMicro: SubCommand = {
  name: 'micro',
  describe: `micro-benchmarks: SHA-256 and Ed25519 (node:crypto, @noble, libsodium), canonical JSON, event queue, block validation, vote tally (--rounds ${MICRO_DEFAULTS.rounds}, --time-ms ${MICRO_DEFAULTS.timeMs}, --out reports/latest)`,
  optionNames: ['rounds', 'time-ms', 'filter', 'out', 'report'],
  options: (y: Argv) =>
    y
      .option('rounds', { type: 'number', describe: 'rounds: one ops/s sample each, in a fresh worker (≥5 for the gate)' })
      .option('time-ms', { type: 'number', describe: 'measuring time per task per round (ms)' })
      .option('filter', { type: 'string', describe: 'only tasks whose name contains this text' })
      .option('report', { type: 'boolean', default: true, describe: 'write report.md/html, charts, junit and BMF beside results.json' }),
  async run(raw, io: CliIo) {
    const args: Args & { argv: readonly string[] } = {
      rounds: Number(raw['rounds'] ?? MICRO_DEFAULTS.rounds),
      timeMs: Number(raw['timeMs'] ?? MICRO_DEFAULTS.timeMs),
      ...(typeof raw['filter'] === 'string' ? { filter: raw['filter'] } : {}),
      out: String(raw['out'] ?? 'reports/latest'),
      report: raw['report'] !== false,
      argv: raw.argv,
    };
    if (!(Number.isInteger(args.rounds) && args.rounds >= 1)) throw new UsageError(`--rounds: expected an integer ≥ 1, got ${args.rounds}`);
    if (!(args.timeMs > 0)) throw new UsageError(`--time-ms: expected a number > 0, got ${args.timeMs}`);
    let partial: Awaited<ReturnType<typeof measureMicro>> | undefined;
    // Chart.js and the canvas load only when a report is written (keeps other commands fast).
    const { writeReports } = await import('../../report/write-reports.js');
    const write = (results: Awaited<ReturnType<typeof measureMicro>>['results']): string => {
      const path = writeResults(args.out, results);
      if (args.report) writeReports(args.out, results);
      return path;
    };
    return runInterruptible(
      async (signal) => {
        let progress: Progress | undefined;
        const measured = await measureMicro({
          rounds: args.rounds,
          timeMs: args.timeMs,
          signal,
          argv: args.argv,
          ...(args.filter ? { filter: args.filter } : {}),
          onProgress: (done, total, task) => {
            progress ??= createProgress('bench micro', total);
            progress.update(done, task);
          },
        });
        progress?.stop();
        partial = measured;
        if (measured.aborted) return EXIT.interrupted;
        const micro = view.micro(measured.results) ?? {};
        if (Object.keys(micro).length === 0) throw new UsageError(`--filter ${args.filter ?? ''}: no micro task matches`);
        const path = write(measured.results);
        for (const [name, t] of Object.entries(micro)) {
          io.stdout(`${name.padEnd(26)} ${fmtNumber(t.opsPerSec).padStart(12)} ops/s  p50 ${fmtNumber(t.p50Ns)} ns  p99 ${fmtNumber(t.p99Ns)} ns  ±${fmtNumber(t.rmePercent)}%`);
        }
        io.stdout(`results: ${path}`);
        return EXIT.ok;
      },
      () => {
        if (partial && Object.keys(view.micro(partial.results) ?? {}).length > 0) {
          io.stderr(`interrupted: partial results in ${write(partial.results)}`);
        } else {
          io.stderr('interrupted before any round finished: nothing written');
        }
      },
    );
  },
};
