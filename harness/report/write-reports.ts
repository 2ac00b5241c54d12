// Everything derived from one results.json, written beside it: report.md, report.html, charts/,
// junit.xml, bmf.json and the github-action-benchmark files. `raa-bench report` calls this.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCharts } from './charts.js';
import { toBmf, toGithubActionBenchmark } from './machine-formats.js';
import { metricRows } from './metric-catalogue.js';
import { toJunit } from './junit.js';
import { buildReport } from './report-model.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-markdown.js';
import type { Results } from './results.js';

export interface WrittenReports {
  readonly markdown: string;
  readonly html: string;
  readonly charts: readonly string[];
  readonly junit: string;
  readonly bmf: string;
  readonly githubActionBenchmark: readonly string[];
}

export function writeReports(dir: string, results: Results): WrittenReports {
  const charts = writeCharts(join(dir, 'charts'), results);
  const blocks = buildReport(results, charts);
  const rows = metricRows(results);
  const out = {
    markdown: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
    charts: charts.map((c) => join(dir, 'charts', c.file)),
    junit: join(dir, 'junit.xml'),
    bmf: join(dir, 'bmf.json'),
    githubActionBenchmark: [join(dir, 'benchmark-bigger-is-better.json'), join(dir, 'benchmark-smaller-is-better.json')],
  };
  writeFileSync(out.markdown, renderMarkdown(blocks));
  writeFileSync(out.html, renderHtml(blocks, dir));
  writeFileSync(out.junit, toJunit(results));
  writeFileSync(out.bmf, `${JSON.stringify(toBmf(rows), null, 2)}\n`);
  const gab = toGithubActionBenchmark(rows);
  writeFileSync(out.githubActionBenchmark[0]!, `${JSON.stringify(gab.bigger, null, 2)}\n`);
  writeFileSync(out.githubActionBenchmark[1]!, `${JSON.stringify(gab.smaller, null, 2)}\n`);
  return out;
}
