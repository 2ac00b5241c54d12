// The common end of every command that produces results: validate and write results.json, derive
// the reports beside it, print the summary and where report.html is.

import { writeResults, type Results } from '../report/results.js';
import { summaryLines } from '../report/summary.js';
import type { CliIo } from './command.js';

export async function finishRun(dir: string, results: Results, io: CliIo, withReports = true): Promise<string> {
  const path = writeResults(dir, results);
  for (const line of summaryLines(results)) io.stdout(line);
  io.stdout(`results:     ${path}`);
  if (withReports) {
    // Chart.js and the canvas load only when a report is written (keeps other commands fast).
    const { writeReports } = await import('../report/write-reports.js');
    const written = writeReports(dir, results);
    io.stdout(`report.html: ${written.html}`);
  }
  return path;
}
