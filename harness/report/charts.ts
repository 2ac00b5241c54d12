// The PNG charts of a report, built from results.json alone. Every chart is always written: when
// the run lacks its data the picture says so, so a report's layout never depends on what ran.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PALETTE, renderChart, type ChartSpec } from './chart-render.js';
import type { Results } from './results.js';
import { view, type LatencySummary, type TimelinePoint } from './results-view.js';

export interface ChartFile {
  readonly file: string;
  readonly title: string;
  readonly hasData: boolean;
}

const title = (text: string) => ({ display: true, text, font: { size: 18, weight: 'bold' as const } });
const axis = (text: string) => ({ display: true, text, font: { size: 15 } });

function noData(chartTitle: string, why: string): ChartSpec {
  return {
    type: 'bar',
    data: { labels: [''], datasets: [{ label: 'no data', data: [0] }] },
    options: {
      plugins: {
        title: { ...title(`${chartTitle}: no data in this run`), padding: { top: 200 } },
        subtitle: { display: true, text: `(${why}; the command that measures it did not run)`, font: { size: 15 } },
        legend: { display: false },
      },
      scales: { x: { display: false }, y: { display: false } },
    },
  };
}

function latencyPoints(l: LatencySummary): [number, number][] {
  if (l.percentiles && l.percentiles.length >= 2) return l.percentiles;
  return [[50, l.p50], [90, l.p90], [99, l.p99], [100, l.max]];
}

/** x position of a percentile on a "nines" axis: 0 → 0, 90 → 1, 99 → 2, 99.9 → 3 … */
function nines(p: number): number {
  return p >= 100 ? 5 : Math.min(5, -Math.log10(1 - p / 100));
}

function voteLatency(r: Results): ChartSpec {
  const votes = view.votes(r);
  if (!votes?.latencyMs) return noData('Vote latency', 'metrics.votes.latencyMs absent');
  const series: [string, LatencySummary][] = [['all decisions', votes.latencyMs]];
  const outcomes = votes.byOutcome ?? Object.fromEntries(Object.entries(votes.latencyMs.byOutcome ?? {}).map(([k, l]) => [k, { latencyMs: l }]));
  for (const [outcome, o] of Object.entries(outcomes)) if (o.latencyMs) series.push([outcome, o.latencyMs]);
  const datasets = series.map(([label, l], i) => ({
    label,
    data: latencyPoints(l).map(([p, v]) => ({ x: nines(p), y: v })),
    borderColor: PALETTE[i % PALETTE.length]!,
    backgroundColor: PALETTE[i % PALETTE.length]!,
    borderWidth: i === 0 ? 3 : 2,
    pointRadius: 3,
    tension: 0,
  }));
  const tickLabel: Record<number, string> = { 0: 'p0', 1: 'p90', 2: 'p99', 3: 'p99.9', 4: 'p99.99', 5: 'max' };
  return {
    type: 'line',
    data: { datasets },
    options: {
      plugins: { title: title('Vote latency by percentile: request → decision (virtual time)'), legend: { position: 'bottom' } },
      scales: {
        x: { type: 'linear', min: 0, max: 5, title: axis('percentile (nines scale)'), ticks: { stepSize: 1, callback: (v: number | string) => tickLabel[Number(v)] ?? '' } },
        y: { beginAtZero: true, title: axis('latency (ms, virtual time)') },
      },
    },
  };
}

function timelines(r: Results): [string, TimelinePoint[]][] {
  return view
    .scenarios(r)
    .map(([name, s]) => [name, s.chain?.timeline ?? []] as [string, TimelinePoint[]])
    .filter(([, t]) => t.length >= 2);
}

function chainHeight(r: Results): ChartSpec {
  const lines = timelines(r);
  if (lines.length === 0) return noData('Chain height', 'metrics.chain.timeline absent');
  return {
    type: 'line',
    data: {
      datasets: lines.map(([name, t], i) => ({
        label: `${name} scenario`,
        data: t.map((p) => ({ x: p.atMs / 1000, y: p.height })),
        borderColor: PALETTE[i % PALETTE.length]!,
        backgroundColor: PALETTE[i % PALETTE.length]!,
        pointRadius: 0,
        borderWidth: 2,
        stepped: true,
      })),
    },
    options: {
      plugins: { title: title('Chain height over virtual time'), legend: { position: 'bottom' } },
      scales: {
        x: { type: 'linear', title: axis('virtual time (s)') },
        y: { type: 'linear', title: axis('height (blocks)') },
      },
    },
  };
}

/** Blocks/s and entries/s in about 24 windows of the headline timeline. */
function windows(t: TimelinePoint[], count = 24): { x: number; blocks: number; entries: number }[] {
  const first = t[0]!;
  const last = t[t.length - 1]!;
  const spanMs = Math.max(1, last.atMs - first.atMs);
  const widthMs = spanMs / count;
  const out: { x: number; blocks: number; entries: number }[] = [];
  let j = 0;
  for (let w = 0; w < count; w += 1) {
    const endMs = first.atMs + (w + 1) * widthMs;
    const start = t[j]!;
    while (j + 1 < t.length && t[j + 1]!.atMs <= endMs) j += 1;
    const end = t[j]!;
    out.push({
      x: (first.atMs + (w + 0.5) * widthMs) / 1000,
      blocks: ((end.height - start.height) * 1000) / widthMs,
      entries: (((end.entries ?? 0) - (start.entries ?? 0)) * 1000) / widthMs,
    });
  }
  return out;
}

function throughput(r: Results): ChartSpec {
  const lines = timelines(r);
  const headline = lines.find(([name]) => name === 'city') ?? lines[lines.length - 1];
  if (!headline) return noData('Throughput', 'metrics.chain.timeline absent');
  const w = windows(headline[1]);
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'blocks/s', data: w.map((p) => ({ x: p.x, y: p.blocks })), yAxisID: 'y', borderColor: PALETTE[0]!, backgroundColor: PALETTE[0]!, borderWidth: 2, pointRadius: 2 },
        { label: 'entries/s', data: w.map((p) => ({ x: p.x, y: p.entries })), yAxisID: 'y1', borderColor: PALETTE[1]!, backgroundColor: PALETTE[1]!, borderWidth: 2, pointRadius: 2, borderDash: [6, 4] },
      ],
    },
    options: {
      plugins: { title: title(`Throughput over virtual time (${headline[0]} scenario, ${w.length} windows)`), legend: { position: 'bottom' } },
      scales: {
        x: { type: 'linear', title: axis('virtual time (s)') },
        y: { type: 'linear', beginAtZero: true, position: 'left', title: axis('committed blocks per virtual second') },
        y1: { type: 'linear', beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: axis('committed entries per virtual second') },
      },
    },
  };
}

function cleaning(r: Results): ChartSpec {
  const c = view.cleaning(r);
  if (!c) return noData('Cleaning', 'metrics.cleaning absent');
  const rows: [string, number, number[]][] = [[`raa-bench (${c.workers ?? '?'} workers)`, c.recordsPerSec, c.recordsPerSecSamples ?? []]];
  for (const [name, p] of Object.entries(c.peers ?? {})) {
    if (p.recordsPerSec !== undefined) rows.push([`${name}${p.version ? ` ${p.version}` : ''}${p.threads ? ` (${p.threads} threads)` : ''}`, p.recordsPerSec, p.recordsPerSecSamples ?? []]);
  }
  const M = 1e6;
  return {
    type: 'bar',
    data: {
      labels: rows.map(([l]) => l),
      datasets: [
        { type: 'bar', label: 'median', data: rows.map(([, v]) => v / M), backgroundColor: rows.map((_, i) => PALETTE[i % PALETTE.length]!) },
        {
          type: 'scatter',
          label: 'each sample',
          data: rows.flatMap(([l, , s]) => s.map((v) => ({ x: l, y: v / M }))),
          backgroundColor: '#000000',
          pointRadius: 4,
        },
      ],
    },
    options: {
      plugins: { title: title(`Cleaning throughput${c.records ? ` on ${c.records.toLocaleString('en-US')} records` : ''} (higher is better)`), legend: { position: 'bottom' } },
      scales: { x: { title: axis('implementation') }, y: { beginAtZero: true, title: axis('records per second (millions)') } },
    },
  };
}

function micro(r: Results): ChartSpec {
  const tasks = Object.entries(view.micro(r) ?? {});
  if (tasks.length === 0) return noData('Micro-benchmarks', 'metrics.micro absent');
  const groupOf = (name: string, group?: string) => group ?? name.split(':')[0]!;
  const backendOf = (name: string, backend?: string) => backend ?? name.split(':')[1] ?? 'default';
  const groups = [...new Set(tasks.map(([n, t]) => groupOf(n, t.group)))];
  const backends = [...new Set(tasks.map(([n, t]) => backendOf(n, t.backend)))];
  return {
    type: 'bar',
    data: {
      labels: groups,
      datasets: backends.map((b, i) => ({
        label: b,
        data: groups.map((g) => tasks.find(([n, t]) => groupOf(n, t.group) === g && backendOf(n, t.backend) === b)?.[1].opsPerSec ?? null),
        backgroundColor: PALETTE[i % PALETTE.length]!,
      })),
    },
    options: {
      indexAxis: 'y',
      skipNull: true, // a group measured on one backend gets one centred bar, not an empty slot
      plugins: { title: title('Micro-benchmarks: operations per second (median of rounds, log scale)'), legend: { position: 'bottom' } },
      scales: {
        x: {
          type: 'logarithmic',
          title: axis('operations per second (log scale, higher is better)'),
          // Powers of ten only: the default log ticks overlap near each decade's end.
          ticks: { maxRotation: 0, callback: (v: number | string) => (Number.isInteger(Math.log10(Number(v))) ? shortNumber(Number(v)) : '') },
        },
        y: { title: axis('benchmark') },
      },
    },
  };
}

function shortNumber(n: number): string {
  if (n >= 1e9) return `${n / 1e9}G`;
  if (n >= 1e6) return `${n / 1e6}M`;
  if (n >= 1e3) return `${n / 1e3}k`;
  return String(n);
}

export const CHARTS: readonly [string, string, (r: Results) => ChartSpec][] = [
  ['vote-latency.png', 'Vote latency by percentile', voteLatency],
  ['chain-height.png', 'Chain height over virtual time', chainHeight],
  ['throughput.png', 'Throughput over virtual time', throughput],
  ['cleaning.png', 'Cleaning vs peers', cleaning],
  ['micro.png', 'Micro-benchmarks', micro],
];

/** Renders every chart into DIR (created); returns what was written. */
export function writeCharts(dir: string, results: Results): ChartFile[] {
  mkdirSync(dir, { recursive: true });
  return CHARTS.map(([file, chartTitle, build]) => {
    const config = build(results);
    const plugins = config.options?.['plugins'] as { title?: { text?: string } } | undefined;
    const hasData = !String(plugins?.title?.text ?? '').endsWith('no data in this run');
    writeFileSync(join(dir, file), renderChart(config));
    return { file, title: chartTitle, hasData };
  });
}
