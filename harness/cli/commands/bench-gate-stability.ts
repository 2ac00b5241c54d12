// `raa-bench bench gate-stability`: runs a quick micro suite twice back to back, gates the pair,
// and repeats; prints each try and writes DIR/gate-stability.{json,md}. Exit 1 if any try failed.
// Each measurement is its own `raa-bench bench micro` process, as two CI runs would be: JIT state
// carried over inside one process would make the pair look more alike (or less) than real runs.

import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { gateStability, type StabilityTry } from '../../bench/gate-stability.js';
import { readResults, type Results } from '../../report/results.js';
import { markdownTable } from '../../report/format.js';
import { EXIT, UsageError } from '../command.js';
import type { SubCommand } from './group.js';

const MAIN = new URL('../main.js', import.meta.url).pathname;

interface Args {
  tries: number;
  rounds: number;
  timeMs: number;
  threshold: number;
  out: string;
}

const row = (t: StabilityTry): string[] => [
  String(t.index),
  t.passed ? 'pass' : 'FAIL',
  String(t.tested),
  String(t.significant),
  `${t.maxChangePct.toFixed(1)}%`,
  t.minP.toFixed(4),
  t.regressions.join(', ') || '—',
  t.machineDrift ? 'yes' : 'no',
  `${(t.wallMs / 1000).toFixed(1)} s`,
];

/** Options shared with other bench subcommands carry no default here (one yargs parser holds all). */
export const benchGateStability: SubCommand = {
  name: 'gate-stability',
  describe: 'gate two back-to-back quick micro runs of this build, N times; the gate must not flake (--tries 10, --rounds 5, --time-ms 100, --out reports/gate-stability)',
  optionNames: ['tries', 'rounds', 'time-ms', 'threshold', 'out'],
  options: (y: Argv) =>
    y
      .option('tries', { type: 'number', describe: 'gate-stability: pairs of runs to gate' })
      .option('threshold', { type: 'number', describe: 'gate-stability: gate threshold (%)' }),
  async run(raw, io) {
    // `--out` may carry another subcommand's default: only an explicit one counts here.
    const explicitOut = raw.argv.some((t) => t === '--out' || t.startsWith('--out='));
    const args: Args & { argv: readonly string[] } = {
      tries: Number(raw['tries'] ?? 10),
      rounds: Number(raw['rounds'] ?? 5),
      timeMs: Number(raw['timeMs'] ?? 100),
      threshold: Number(raw['threshold'] ?? 5),
      out: explicitOut ? String(raw['out']) : 'reports/gate-stability',
      argv: raw.argv,
    };
    if (!(Number.isInteger(args.tries) && args.tries >= 1)) throw new UsageError(`--tries: expected an integer ≥ 1, got ${args.tries}`);
    const header = ['try', 'verdict', 'metrics tested', 'p < alpha', 'max |median change|', 'min p', 'regressions', 'machine drift warned', 'wall'];
    io.stdout(header.join('\t'));
    let runs = 0;
    const measure = (): Promise<Results> => {
      const out = join(args.out, `run-${String(++runs).padStart(2, '0')}`);
      const cliArgs = [MAIN, 'bench', 'micro', '--rounds', String(args.rounds), '--time-ms', String(args.timeMs), '--out', out, '--no-report'];
      return new Promise((resolve, reject) => {
        execFile(process.execPath, cliArgs, { env: { ...process.env, CI: 'true' }, timeout: 600_000 }, (error, _stdout, stderr) => {
          if (error) reject(new Error(`bench micro failed: ${stderr || error.message}`));
          else resolve(readResults(join(out, 'results.json')));
        });
      });
    };
    const report = await gateStability(
      measure,
      args.tries,
      { thresholdPct: args.threshold },
      (t) => io.stdout(row(t).join('\t')),
    );
    const summary = `gate passed ${report.passed} of ${report.tries.length} back-to-back pairs (threshold ${args.threshold}%, ${args.rounds} rounds × ${args.timeMs} ms per task)`;
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, 'gate-stability.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(args.out, 'gate-stability.md'), `# Gate stability\n\n${summary}\n\n${markdownTable(header, report.tries.map(row))}\n`);
    io.stdout(summary);
    return report.passed === report.tries.length ? EXIT.ok : EXIT.failure;
  },
};
