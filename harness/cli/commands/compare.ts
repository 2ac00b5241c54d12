// `raa-bench compare RESULTS… [--html FILE]`: runs side by side with ratios and significance.
// Only reports: exit 0 unless an input is unusable (exit 2).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Argv } from 'yargs';
import { compareHtml, compareMarkdown, compareRuns } from '../../report/compare.js';
import { EXIT, UsageError, type CliCommand } from '../command.js';
import { loadResults } from '../results-input.js';

interface Args {
  results: string[];
  html?: string;
}

export const compare: CliCommand<Args> = {
  command: 'compare <results..>',
  describe: 'compare runs side by side (ratios, significance); never fails on the numbers',
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, describe: 'results.json files (or directories); the first is the reference' })
      .option('html', { type: 'string', describe: 'also write a self-contained HTML table to FILE' }) as unknown as Argv<Args>,
  async run(args, io) {
    const files = args.results.map(String);
    if (files.length < 2) throw new UsageError(`compare: expected at least 2 results files, got ${files.length}`);
    const comparison = compareRuns(files.map(loadResults));
    io.stdout(compareMarkdown(comparison, files));
    if (args.html) {
      mkdirSync(dirname(args.html), { recursive: true });
      writeFileSync(args.html, compareHtml(comparison, files));
      io.stdout(`html: ${args.html}`);
    }
    return EXIT.ok;
  },
};
