// `raa-bench report RESULTS [--out DIR]`: rebuilds report.md, report.html, charts/, junit.xml,
// bmf.json and the github-action-benchmark files from a results.json alone.

import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Argv } from 'yargs';
import { EXIT, type CliCommand } from '../command.js';
import { loadResults } from '../results-input.js';

interface Args {
  results: string;
  out?: string;
}

export const report: CliCommand<Args> = {
  command: 'report <results>',
  describe: 'rebuild the reports (md, html, charts, junit, BMF) from a results.json',
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', describe: 'a results.json file or the directory holding it' })
      .option('out', { type: 'string', describe: 'output directory (default: beside results.json)' }) as unknown as Argv<Args>,
  async run(args, io) {
    const results = loadResults(args.results);
    let dir = args.out;
    if (!dir) {
      let isDir = false;
      try {
        isDir = statSync(args.results).isDirectory();
      } catch {
        isDir = false;
      }
      dir = isDir ? args.results : dirname(args.results);
    }
    // Chart.js and the canvas load only when a report is written (keeps other commands fast).
    const { writeReports } = await import('../../report/write-reports.js');
    const written = writeReports(dir, results);
    io.stdout(`report.md:   ${written.markdown}`);
    io.stdout(`report.html: ${written.html}`);
    io.stdout(`charts:      ${written.charts.length} PNG in ${dirname(written.charts[0] ?? dir)}`);
    io.stdout(`junit.xml:   ${written.junit}`);
    io.stdout(`bmf.json:    ${written.bmf}`);
    return EXIT.ok;
  },
};
