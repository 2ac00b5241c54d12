// `raa-bench gate --baseline FILE --current FILE [--threshold PCT] [--force]`: the CI regression
// gate (method in docs/gate.md). Exit 0 pass, 1 regression, 2 incomparable or unusable input.

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Argv } from 'yargs';
import { gate as runGate, GATE_DEFAULTS } from '../../report/gate.js';
import { gateMarkdown } from '../../report/gate-markdown.js';
import { EXIT, UsageError, type CliCommand } from '../command.js';
import { loadResults } from '../results-input.js';

interface Args {
  baseline: string;
  current: string;
  threshold: number;
  alpha: number;
  minSamples: number;
  force: boolean;
  summary?: string;
}

export const gate: CliCommand<Args> = {
  command: 'gate',
  describe: 'fail (exit 1) when the current run regressed against the baseline',
  builder: (y: Argv) =>
    y
      .option('baseline', { type: 'string', demandOption: true, describe: 'baseline results.json (or its directory)' })
      .option('current', { type: 'string', demandOption: true, describe: 'current results.json (or its directory)' })
      .option('threshold', { type: 'number', default: GATE_DEFAULTS.thresholdPct, describe: 'minimum effect size on the medians (%)' })
      .option('alpha', { type: 'number', default: GATE_DEFAULTS.alpha, describe: 'significance level of the Mann–Whitney U test' })
      .option('min-samples', { type: 'number', default: GATE_DEFAULTS.minSamples, describe: 'samples per side needed to gate a wall-clock figure' })
      .option('force', { type: 'boolean', default: false, describe: 'gate even when scenario, seed, implementation or schema version differ' })
      .option('summary', { type: 'string', describe: 'also write the full markdown table to FILE' }) as unknown as Argv<Args>,
  async run(args, io) {
    if (!(args.threshold >= 0)) throw new UsageError(`--threshold: expected a percentage ≥ 0, got ${args.threshold}`);
    if (!(args.alpha > 0 && args.alpha < 1)) throw new UsageError(`--alpha: expected 0 < alpha < 1, got ${args.alpha}`);
    if (!(Number.isInteger(args.minSamples) && args.minSamples >= 2)) throw new UsageError(`--min-samples: expected an integer ≥ 2, got ${args.minSamples}`);
    const baseline = loadResults(args.baseline);
    const current = loadResults(args.current);
    const report = runGate(baseline, current, { thresholdPct: args.threshold, alpha: args.alpha, minSamples: args.minSamples });
    if (report.refused.length > 0 && !args.force) {
      const lines = report.refused.map((d) => `  ${d.key}: baseline ${d.values[0]} ≠ current ${d.values[1]}`);
      io.stderr(`raa-bench gate: runs are not comparable (use --force to gate anyway):\n${lines.join('\n')}`);
      return EXIT.usage;
    }
    for (const w of report.warnings) io.stderr(`warning: ${w}`);
    io.stdout(gateMarkdown(report, false));
    const full = gateMarkdown(report, true);
    if (args.summary) {
      mkdirSync(dirname(args.summary), { recursive: true });
      writeFileSync(args.summary, full);
    }
    const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
    if (stepSummary) appendFileSync(stepSummary, `${full}\n`);
    return report.regressions.length > 0 ? EXIT.failure : EXIT.ok;
  },
};
