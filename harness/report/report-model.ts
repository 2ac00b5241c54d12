// The content of report.md and report.html, built once from results.json as a list of blocks;
// report-markdown.ts and report-html.ts only render it.

import { fmtBytes, fmtNumber, fmtValue } from './format.js';
import { metricRows } from './metric-catalogue.js';
import type { Results } from './results.js';
import { nodeCount, scenarioName, view, type LatencySummary } from './results-view.js';
import type { ChartFile } from './charts.js';

export type Block =
  | { readonly kind: 'h1' | 'h2' | 'p' | 'warn'; readonly text: string }
  | { readonly kind: 'table'; readonly id: string; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'image'; readonly file: string; readonly title: string };

const lat = (l: LatencySummary | undefined): string =>
  l ? `${fmtNumber(l.p50)} / ${fmtNumber(l.p90)} / ${fmtNumber(l.p99)} / ${fmtNumber(l.max)}` : '—';
const opt = (n: number | undefined, suffix = ''): string => (n === undefined ? '—' : `${fmtNumber(n)}${suffix}`);

function runBlocks(r: Results): Block[] {
  const run = r.run;
  const env = (run['env'] ?? {}) as Record<string, unknown>;
  const rows: [string, string][] = [
    ['command', String(run['command'] ?? '—')],
    ['scenario', scenarioName(r) ?? '—'],
    ['seed', String(run['seed'] ?? '—')],
    ['implementation', typeof run['implementation'] === 'object' && run['implementation'] !== null ? Object.values(run['implementation']).join(' ') : String(run['implementation'] ?? '—')],
    ['crypto', String(run['crypto'] ?? '—')],
    ['workers', String(run['workers'] ?? '—')],
    ['commit', String(run['commit'] ?? env['commit'] ?? 'unknown')],
    ['started', String(run['startedAt'] ?? '—')],
    ['duration', run['durationMs'] === undefined ? '—' : `${fmtNumber(Number(run['durationMs']) / 1000)} s`],
    ['schema version', r.schemaVersion],
  ];
  const envRows: [string, string][] = [
    ['Node.js', String(env['node'] ?? '—')],
    ['CPU', `${String(env['cpuModel'] ?? '—')} × ${String(env['cores'] ?? '?')} cores`],
    ['memory', typeof env['memoryBytes'] === 'number' ? fmtBytes(env['memoryBytes']) : '—'],
    ['OS', `${String(env['os'] ?? '—')} ${String(env['arch'] ?? '')}`.trim()],
    ['raa-bench', String(env['raaBenchVersion'] ?? '—')],
  ];
  return [
    { kind: 'h2', text: 'Run' },
    { kind: 'table', id: 'run', header: ['field', 'value'], rows },
    { kind: 'h2', text: 'Environment' },
    { kind: 'table', id: 'env', header: ['field', 'value'], rows: envRows },
  ];
}

function headlineBlocks(r: Results): Block[] {
  const rows: [string, string][] = [];
  if (r.finalState) {
    rows.push(['head hash', r.finalState.headHash], ['height', fmtNumber(r.finalState.height)]);
  }
  const votes = view.votes(r);
  if (votes?.latencyMs) {
    rows.push(['vote latency p99 (virtual)', `${fmtNumber(votes.latencyMs.p99)} ms`]);
    rows.push(['vote latency p50 / p90 / p99 / max (virtual)', `${lat(votes.latencyMs)} ms`]);
  }
  if (votes?.wallLatencyMs) rows.push(['vote latency p50 / p90 / p99 / max (wall)', `${lat(votes.wallLatencyMs)} ms`]);
  const chain = view.chain(r);
  if (chain?.blocksPerSec !== undefined) rows.push(['blocks/s (virtual)', opt(chain.blocksPerSec)], ['entries/s (virtual)', opt(chain.entriesPerSec)]);
  const sim = view.sim(r);
  if (sim?.eventsPerSec !== undefined) rows.push(['simulator events/s (wall)', opt(sim.eventsPerSec)]);
  const c = view.cleaning(r);
  if (c) rows.push(['cleaning records/s', `${fmtNumber(c.recordsPerSec)} records/s`]);
  const s = view.safety(r);
  if (s) rows.push(['safety violations', String(s.violations)]);
  const k = view.conformance(r);
  if (k) rows.push(['conformance', `${k.passed} passed, ${k.failed} failed, ${k.skipped} skipped`]);
  if (rows.length === 0) return [];
  return [{ kind: 'h2', text: 'Headline' }, { kind: 'table', id: 'headline', header: ['figure', 'value'], rows }];
}

function scenarioBlocks(r: Results): Block[] {
  const scenarios = view.scenarios(r);
  if (scenarios.length === 0) return [];
  const rows = scenarios.map(([name, s]) => [
    name,
    nodeCount(s.run) === undefined ? '—' : fmtNumber(nodeCount(s.run)!),
    s.finalState ? fmtNumber(s.finalState.height) : '—',
    s.finalState?.headHash ?? '—',
    opt(s.chain?.blocksPerSec),
    s.votes?.latencyMs ? `${lat(s.votes.latencyMs)}` : '—',
    opt(s.sim?.eventsPerSec),
    s.sim?.peakRssBytes === undefined ? '—' : fmtBytes(s.sim.peakRssBytes),
    s.safety ? String(s.safety.violations) : '—',
  ]);
  return [
    { kind: 'h2', text: 'Scenarios' },
    {
      kind: 'table',
      id: 'scenarios',
      header: ['scenario', 'nodes', 'height', 'head hash', 'blocks/s (virtual)', 'vote latency p50/p90/p99/max (ms, virtual)', 'events/s (wall)', 'peak RSS', 'safety violations'],
      rows,
    },
  ];
}

function cleaningBlocks(r: Results): Block[] {
  const c = view.cleaning(r);
  if (!c) return [];
  const rows = [[`raa-bench (${c.workers ?? '?'} workers)`, fmtNumber(c.recordsPerSec), String(c.recordsPerSecSamples?.length ?? 0), opt(c.precision), opt(c.recall), '—']];
  for (const [name, p] of Object.entries(c.peers ?? {})) {
    rows.push([
      `${name}${p.version ? ` ${p.version}` : ''}${p.threads ? ` (${p.threads} threads)` : ''}`,
      p.recordsPerSec === undefined ? (p.reason ?? 'not run') : fmtNumber(p.recordsPerSec),
      String(p.recordsPerSecSamples?.length ?? 0),
      '—',
      '—',
      p.sameOutput === undefined ? '—' : p.sameOutput ? 'yes' : 'NO',
    ]);
  }
  return [
    { kind: 'h2', text: `Cleaning${c.records ? ` (${fmtNumber(c.records)} records)` : ''}` },
    { kind: 'table', id: 'cleaning', header: ['implementation', 'records/s (median)', 'samples', 'precision', 'recall', 'same output'], rows },
  ];
}

function microBlocks(r: Results): Block[] {
  const micro = Object.entries(view.micro(r) ?? {});
  if (micro.length === 0) return [];
  const rows = micro.map(([name, t]) => [name, fmtNumber(t.opsPerSec), fmtNumber(t.p50Ns), fmtNumber(t.p99Ns), `±${fmtNumber(t.rmePercent)}%`, String(t.opsPerSecSamples.length)]);
  return [
    { kind: 'h2', text: 'Micro-benchmarks' },
    { kind: 'table', id: 'micro', header: ['benchmark', 'ops/s (median of rounds)', 'p50 (ns)', 'p99 (ns)', 'rme', 'rounds'], rows },
  ];
}

function checkBlocks(r: Results): Block[] {
  const out: Block[] = [];
  const k = view.conformance(r);
  if (k) {
    out.push({ kind: 'h2', text: 'Conformance' });
    out.push({ kind: 'p', text: `${k.passed} passed, ${k.failed} failed, ${k.skipped} skipped${k.errors ? `, ${k.errors} errors` : ''}${k.mutants ? `; mutants killed ${k.mutants.killed ?? '?'} of ${k.mutants.total ?? '?'}` : ''}${k.uncoveredRequirements && k.uncoveredRequirements.length > 0 ? `; uncovered requirements: ${k.uncoveredRequirements.join(', ')}` : ''}.` });
    const bad = (k.checks ?? []).filter((c) => c.status !== 'PASS');
    if (bad.length > 0) out.push({ kind: 'table', id: 'conformance', header: ['check', 'requirements', 'status', 'message'], rows: bad.map((c) => [c.id, (c.requirements ?? []).join(', '), c.status, c.message ?? '']) });
  }
  const details = view.scenarios(r).flatMap(([name, s]) => (s.safety?.details ?? []).map((d) => [name, d.checker ?? '', d.message, d.replay ?? '']));
  if (details.length > 0) {
    out.push({ kind: 'h2', text: 'Safety violations' });
    out.push({ kind: 'table', id: 'safety', header: ['scenario', 'checker', 'what', 'replay'], rows: details });
  }
  return out;
}

function allMetricsBlocks(r: Results): Block[] {
  const rows = metricRows(r).map((m) => [m.path, fmtValue(m.value), m.unit, m.better, m.kind, m.samples ? String(m.samples.length) : '—']);
  return [
    { kind: 'h2', text: 'All metrics' },
    { kind: 'table', id: 'metrics', header: ['metric', 'value', 'unit', 'better', 'kind', 'samples'], rows },
  ];
}

export function buildReport(r: Results, charts: readonly ChartFile[]): Block[] {
  const blocks: Block[] = [{ kind: 'h1', text: `raa-bench report${scenarioName(r) ? `: ${scenarioName(r)}` : ''}` }];
  if (r.partial) blocks.push({ kind: 'warn', text: 'Partial results: the run was interrupted; figures cover what finished.' });
  blocks.push(...headlineBlocks(r));
  blocks.push(...scenarioBlocks(r), ...cleaningBlocks(r), ...microBlocks(r), ...checkBlocks(r));
  if (charts.length > 0) {
    blocks.push({ kind: 'h2', text: 'Charts' });
    for (const c of charts) blocks.push({ kind: 'image', file: `charts/${c.file}`, title: c.title });
  }
  blocks.push(...runBlocks(r), ...allMetricsBlocks(r));
  return blocks;
}
