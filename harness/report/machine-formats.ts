// Machine-readable derivatives of results.json: Bencher Metric Format (bmf.json) and the
// github-action-benchmark "custom" JSON (one file per direction, as that action expects).

import type { MetricRow } from './metric-catalogue.js';

export interface BmfMeasure {
  value: number;
  lower_value?: number;
  upper_value?: number;
}
export type Bmf = Record<string, Record<string, BmfMeasure>>;

function split(path: string): [string, string] {
  const m = /^(.*?)(?:\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*")\])$/.exec(path);
  if (!m || m[1] === undefined) return ['raa-bench', path];
  return [m[1] === '' ? 'raa-bench' : m[1], m[2] ?? (JSON.parse(m[3]!) as string)];
}

/** Measure slug as Bencher wants it: lowercase, dashes. */
function slug(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every annotated numeric metric: benchmark = its parent path, measure = its key. */
export function toBmf(rows: readonly MetricRow[]): Bmf {
  const out: Bmf = {};
  for (const r of rows) {
    if (typeof r.value !== 'number' || r.kind === 'unannotated') continue;
    const [bench, key] = split(r.path);
    const measure: BmfMeasure = { value: r.value };
    if (r.samples && r.samples.length > 0) {
      measure.lower_value = Math.min(...r.samples);
      measure.upper_value = Math.max(...r.samples);
    }
    (out[bench] ??= {})[slug(key)] = measure;
  }
  return out;
}

export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** github-action-benchmark `customBiggerIsBetter` / `customSmallerIsBetter` arrays. */
export function toGithubActionBenchmark(rows: readonly MetricRow[]): { bigger: GabEntry[]; smaller: GabEntry[] } {
  const bigger: GabEntry[] = [];
  const smaller: GabEntry[] = [];
  for (const r of rows) {
    if (typeof r.value !== 'number' || r.kind === 'unannotated' || r.better === 'equal') continue;
    const entry: GabEntry = { name: r.path, unit: r.unit, value: r.value, extra: `${r.kind}${r.samples ? `, ${r.samples.length} samples` : ''}` };
    if (r.samples && r.samples.length > 1) {
      const half = (Math.max(...r.samples) - Math.min(...r.samples)) / 2;
      entry.range = `± ${Number(half.toPrecision(3))}`;
    }
    (r.better === 'higher' ? bigger : smaller).push(entry);
  }
  return { bigger, smaller };
}
