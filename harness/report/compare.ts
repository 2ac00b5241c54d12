// `compare`: runs side by side (the first is the reference), with ratios and whether each
// difference is significant. It only reports; comparing implementations is what it is for, so
// differing run metadata is shown in the header, never refused.

import { median } from '../metrics/stats.js';
import { escapeHtml, fmtChange, fmtP, fmtValue, htmlTable, markdownTable } from './format.js';
import { compareRow, GATE_DEFAULTS, type GateOptions } from './gate.js';
import { metricRows, type MetricRow } from './metric-catalogue.js';
import type { Results } from './results.js';
import { identityDifferences, runLabel, settingDifferences, type RunDifference } from './run-identity.js';

export interface Comparison {
  readonly labels: readonly string[];
  readonly differences: readonly RunDifference[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function cell(base: MetricRow | undefined, other: MetricRow | undefined, o: Required<GateOptions>): string {
  if (!other) return '—';
  if (!base) return fmtValue(other.value);
  const row = compareRow(base, other, o);
  const value = fmtValue(row.current ?? other.value);
  if (row.kind === 'deterministic' || typeof other.value === 'string') {
    return row.verdict === 'same' ? `${value} (=)` : `${value} (${typeof other.value === 'number' ? fmtChange(row.ratio) : '≠'})`;
  }
  const sig =
    row.p === undefined
      ? 'no samples'
      : row.p < o.alpha
        ? `significant, p ${fmtP(row.p)}`
        : `n.s., p ${fmtP(row.p)}`;
  return `${value} (${fmtChange(row.ratio)}, ${sig})`;
}

export function compareRuns(runs: readonly Results[], options: GateOptions = {}): Comparison {
  if (runs.length < 2) throw new RangeError(`compare: expected at least 2 runs, got ${runs.length}`);
  const o = { ...GATE_DEFAULTS, ...options };
  const labels = runs.map((r, i) => runLabel(r, i));
  const perRun = runs.map((r) => new Map(metricRows(r).map((m) => [m.path, m])));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const m of perRun) for (const p of m.keys()) if (!seen.has(p)) (seen.add(p), paths.push(p));
  const rows = paths.map((path) => {
    const base = perRun[0]!.get(path);
    const any = perRun.map((m) => m.get(path)).find((m) => m !== undefined)!;
    return [path, any.unit, any.better, base ? fmtValue(base.samples && base.samples.length > 0 ? median(base.samples) : base.value) : '—', ...perRun.slice(1).map((m) => cell(base, m.get(path), o))];
  });
  return {
    labels,
    differences: [...identityDifferences(runs), ...settingDifferences(runs)],
    header: ['metric', 'unit', 'better', labels[0]!, ...labels.slice(1).map((l) => `${l} vs #1`)],
    rows,
  };
}

function differenceLines(c: Comparison): string[] {
  return c.differences.map((d) => `${d.key}: ${d.values.join(' | ')}`);
}

export function compareMarkdown(c: Comparison, files: readonly string[]): string {
  const out = ['## raa-bench compare', ''];
  c.labels.forEach((l, i) => out.push(`- ${l}: ${files[i] ?? ''}`));
  out.push('');
  const diffs = differenceLines(c);
  if (diffs.length > 0) {
    out.push('Runs differ in:', '');
    for (const d of diffs) out.push(`- ${d}`);
    out.push('');
  }
  out.push('Wall-clock values are medians of their samples; significance: Mann–Whitney U on the samples.', '');
  out.push(markdownTable(c.header, c.rows), '');
  return out.join('\n');
}

export function compareHtml(c: Comparison, files: readonly string[]): string {
  const runs = c.labels.map((l, i) => `<li>${escapeHtml(l)}: <code>${escapeHtml(files[i] ?? '')}</code></li>`).join('');
  const diffs = differenceLines(c);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>raa-bench compare</title>
<style>body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:1rem 2rem;color:#1a1a1a}table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}th{background:#f3f6f9}tbody tr:nth-child(even){background:#fafbfc}.diff{background:#fff4e5;padding:.5rem 1rem;border-left:4px solid #D55E00}</style>
</head><body>
<h1>raa-bench compare</h1>
<ul>${runs}</ul>
${diffs.length > 0 ? `<div class="diff"><strong>Runs differ in:</strong><ul>${diffs.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul></div>` : ''}
<p>Wall-clock values are medians of their samples; significance: Mann–Whitney U on the samples.</p>
${htmlTable(c.header, c.rows)}
</body></html>
`;
}
