// The gate's verdict as markdown: a table naming each regressed metric, the improvements, and
// (in the summary file) every metric compared. The same text goes to stdout and CI job summaries.

import { fmtChange, fmtP, fmtValue, markdownTable } from './format.js';
import type { GateReport, GateRow } from './gate.js';

const HEADER = ['Metric', 'Kind', 'Unit', 'Better', 'Baseline', 'Current', 'Change', 'p', 'Verdict'];

function cells(r: GateRow): string[] {
  return [
    r.path,
    r.kind,
    r.unit,
    r.better,
    fmtValue(r.baseline),
    fmtValue(r.current),
    fmtChange(r.ratio),
    fmtP(r.p),
    `${r.verdict}${r.why ? ` (${r.why})` : ''}`,
  ];
}

export function gateTable(rows: readonly GateRow[]): string {
  return markdownTable(HEADER, rows.map(cells));
}

/** Short form for stdout; `full` adds every compared metric (for --summary and the job summary). */
export function gateMarkdown(report: GateReport, full: boolean): string {
  const o = report.options;
  const out: string[] = ['## raa-bench gate', ''];
  out.push(
    `Method: deterministic figures exact; wall-clock figures with ≥${o.minSamples} samples per side: ` +
      `Mann–Whitney U (alpha ${o.alpha}) and ≥${o.thresholdPct}% change of the median.`,
    '',
  );
  if (report.refused.length > 0) {
    out.push('**Runs are not comparable:**', '');
    for (const d of report.refused) out.push(`- ${d.key}: ${d.values.join(' ≠ ')}`);
    out.push('');
  }
  for (const w of report.warnings) out.push(`> warning: ${w}`);
  if (report.warnings.length > 0) out.push('');
  const counted = report.rows.reduce<Record<string, number>>((acc, r) => {
    acc[r.verdict] = (acc[r.verdict] ?? 0) + 1;
    return acc;
  }, {});
  out.push(
    `**${report.regressions.length === 0 ? 'PASS' : 'FAIL'}**: ${report.regressions.length} regression(s), ` +
      `${report.improvements.length} improvement(s); ` +
      Object.entries(counted)
        .map(([k, n]) => `${n} ${k}`)
        .join(', '),
    '',
  );
  if (report.regressions.length > 0) out.push('### Regressions', '', gateTable(report.regressions), '');
  if (report.improvements.length > 0) out.push('### Significant improvements', '', gateTable(report.improvements), '');
  if (full) out.push('### All metrics', '', gateTable(report.rows), '');
  return out.join('\n');
}
