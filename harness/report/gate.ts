// The regression gate (design §5): deterministic figures compared exactly; wall-clock figures
// with ≥ minSamples samples on each side compared with a Mann–Whitney U test AND a minimum effect
// size on the medians; figures without samples shown but not gated. Pure: the CLI prints it.

import { mannWhitneyU, median, ratio } from '../metrics/stats.js';
import { metricRows, type Better, type MetricKind, type MetricRow } from './metric-catalogue.js';
import type { Results } from './results.js';
import { identityDifferences, settingDifferences, type RunDifference } from './run-identity.js';

export interface GateOptions {
  /** Minimum effect size on the medians, in percent (default 5). */
  readonly thresholdPct?: number;
  /** Significance level of the rank test (default 0.01). */
  readonly alpha?: number;
  /** Samples needed on each side before a wall-clock figure is gated (default 5). */
  readonly minSamples?: number;
}

export type Verdict =
  | 'regression' // gated and worse: fails the gate
  | 'changed' // deterministic figure without direction (e.g. head hash) differs: fails the gate
  | 'improvement'
  | 'same'
  | 'not significant'
  | 'not gated'
  | 'missing' // in the baseline, not in the current run
  | 'new';

export interface GateRow {
  readonly path: string;
  readonly unit: string;
  readonly better: Better;
  readonly kind: MetricKind;
  readonly baseline?: number | string;
  readonly current?: number | string;
  /** current / baseline (of the medians when samples exist). */
  readonly ratio?: number;
  readonly p?: number;
  readonly samples?: readonly [number, number];
  readonly verdict: Verdict;
  readonly why: string;
}

export interface GateReport {
  readonly refused: readonly RunDifference[];
  readonly warnings: readonly string[];
  readonly rows: readonly GateRow[];
  readonly regressions: readonly GateRow[];
  readonly improvements: readonly GateRow[];
  readonly options: Required<GateOptions>;
}

export const GATE_DEFAULTS: Required<GateOptions> = { thresholdPct: 5, alpha: 0.01, minSamples: 5 };

function common(b: MetricRow | undefined, c: MetricRow | undefined): Omit<GateRow, 'verdict' | 'why'> {
  const m = (c ?? b)!;
  return {
    path: m.path,
    unit: m.unit,
    better: m.better,
    kind: m.kind,
    ...(b ? { baseline: b.value } : {}),
    ...(c ? { current: c.value } : {}),
    ...(b && c && typeof b.value === 'number' && typeof c.value === 'number'
      ? { ratio: ratio(c.value, b.value) ?? Number.NaN }
      : {}),
  };
}

/** +1 when the change goes the better way, −1 the worse way, 0 for no change. */
function direction(better: Better, baseline: number, current: number): number {
  if (current === baseline) return 0;
  if (better === 'equal') return -1;
  return (current > baseline) === (better === 'higher') ? 1 : -1;
}

function compareDeterministic(b: MetricRow, c: MetricRow): GateRow {
  const base = common(b, c);
  if (b.value === c.value) return { ...base, verdict: 'same', why: 'identical' };
  if (typeof b.value !== 'number' || typeof c.value !== 'number' || b.better === 'equal') {
    return { ...base, verdict: 'changed', why: 'deterministic figure differs (compared exactly)' };
  }
  const dir = direction(b.better, b.value, c.value);
  return dir > 0
    ? { ...base, verdict: 'improvement', why: `deterministic, ${b.better} is better` }
    : { ...base, verdict: 'regression', why: `deterministic figure got worse (${b.better} is better)` };
}

function compareWallClock(b: MetricRow, c: MetricRow, o: Required<GateOptions>): GateRow {
  const base = common(b, c);
  const nb = b.samples?.length ?? 0;
  const nc = c.samples?.length ?? 0;
  if (!b.samples || !c.samples || nb < o.minSamples || nc < o.minSamples) {
    return { ...base, verdict: 'not gated', why: `needs ≥${o.minSamples} samples per side (has ${nb} and ${nc})` };
  }
  const mb = median(b.samples);
  const mc = median(c.samples);
  const { p } = mannWhitneyU(b.samples, c.samples);
  const r = ratio(mc, mb);
  const withStats = { ...base, baseline: mb, current: mc, p, samples: [nb, nc] as const, ...(r === undefined ? {} : { ratio: r }) };
  const effectPct = mb === 0 ? (mc === 0 ? 0 : Infinity) : (Math.abs(mc - mb) / Math.abs(mb)) * 100;
  const dir = direction(b.better, mb, mc);
  if (p >= o.alpha) {
    return { ...withStats, verdict: 'not significant', why: `p = ${p.toFixed(3)} ≥ ${o.alpha}` };
  }
  if (effectPct < o.thresholdPct || dir === 0) {
    return { ...withStats, verdict: 'same', why: `significant but ${effectPct.toFixed(1)}% < ${o.thresholdPct}% threshold` };
  }
  return dir > 0
    ? { ...withStats, verdict: 'improvement', why: `${effectPct.toFixed(1)}% better, p = ${p.toFixed(4)}` }
    : { ...withStats, verdict: 'regression', why: `${effectPct.toFixed(1)}% worse, p = ${p.toFixed(4)} < ${o.alpha}` };
}

export function compareRow(b: MetricRow | undefined, c: MetricRow | undefined, o: Required<GateOptions>): GateRow {
  if (!b) return { ...common(b, c), verdict: 'new', why: 'not in the baseline' };
  if (!c) return { ...common(b, c), verdict: 'missing', why: 'not in the current run' };
  if (b.kind === 'unannotated' || c.kind === 'unannotated') {
    return { ...common(b, c), verdict: 'not gated', why: 'no unit/direction in the schema' };
  }
  if (!b.gateable) return { ...common(b, c), verdict: 'not gated', why: 'shown only (x-gate: false)' };
  if (b.kind === 'deterministic') return compareDeterministic(b, c);
  return compareWallClock(b, c, o);
}

/** Pairs the metric rows of two runs by key path, baseline order first. */
export function pairRows(baseline: Results, current: Results): [MetricRow | undefined, MetricRow | undefined][] {
  const bRows = metricRows(baseline);
  const cRows = new Map(metricRows(current).map((r) => [r.path, r]));
  const pairs: [MetricRow | undefined, MetricRow | undefined][] = [];
  for (const b of bRows) {
    pairs.push([b, cRows.get(b.path)]);
    cRows.delete(b.path);
  }
  for (const c of cRows.values()) pairs.push([undefined, c]);
  return pairs;
}

/**
 * When most rank-tested wall-clock figures moved the same way by more than the threshold, the
 * machine's speed (load from other processes, CPU frequency) most likely changed between the
 * runs; a rank test cannot tell that from a regression, so the gate says so beside its verdict.
 */
export function machineDrift(rows: readonly GateRow[], thresholdPct: number): string | undefined {
  const speed = rows
    .filter((r) => r.p !== undefined && r.ratio !== undefined && Number.isFinite(r.ratio) && r.ratio > 0)
    .map((r) => (r.better === 'lower' ? 1 / r.ratio! : r.ratio!));
  if (speed.length < 3) return undefined;
  const slower = speed.filter((x) => x < 1 - thresholdPct / 100).length;
  const faster = speed.filter((x) => x > 1 + thresholdPct / 100).length;
  const same = Math.max(slower, faster);
  if (same < 0.8 * speed.length) return undefined;
  const sorted = [...speed].sort((a, b) => a - b);
  const mid = sorted[sorted.length >> 1]!;
  return (
    `${same} of ${speed.length} sampled wall-clock figures are ${slower > faster ? 'slower' : 'faster'} by more than ${thresholdPct}% ` +
    `(median ${((mid - 1) * 100).toFixed(0)}%): the machine's speed likely changed between the runs (other load, CPU frequency); ` +
    'rerun both on a quiet machine before trusting a wall-clock verdict'
  );
}

export function gate(baseline: Results, current: Results, options: GateOptions = {}): GateReport {
  const o = { ...GATE_DEFAULTS, ...options };
  if (!(o.thresholdPct >= 0)) throw new RangeError(`gate: expected thresholdPct ≥ 0, got ${o.thresholdPct}`);
  if (!(o.alpha > 0 && o.alpha < 1)) throw new RangeError(`gate: expected 0 < alpha < 1, got ${o.alpha}`);
  const refused = [...identityDifferences([baseline, current])];
  // A partial run (interrupted) lacks figures; gating it would pass on what it never measured.
  if (baseline.partial === true || current.partial === true) {
    refused.push({ key: 'partial', values: [String(baseline.partial ?? false), String(current.partial ?? false)] });
  }
  const warnings = settingDifferences([baseline, current]).map((d) => `${d.key} differs: ${d.values.join(' ≠ ')}`);
  const rows = pairRows(baseline, current).map(([b, c]) => compareRow(b, c, o));
  for (const r of rows) if (r.verdict === 'missing' && r.kind !== 'unannotated') warnings.push(`${r.path}: missing from the current run`);
  const drift = machineDrift(rows, o.thresholdPct);
  if (drift) warnings.push(drift);
  return {
    refused,
    warnings,
    rows,
    regressions: rows.filter((r) => r.verdict === 'regression' || r.verdict === 'changed'),
    improvements: rows.filter((r) => r.verdict === 'improvement'),
    options: o,
  };
}
