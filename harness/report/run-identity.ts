// What makes two runs comparable: the gate refuses runs whose scenario, seed, implementation or
// schema version differ, and warns when their environments (or other run settings) differ.

import canonicalize from 'canonicalize';
import { envDifferences, type RunEnv } from '../metrics/env.js';
import type { Results } from './results.js';

export interface RunDifference {
  readonly key: string;
  readonly values: readonly string[];
}

function show(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string') return v;
  return canonicalize(v) ?? String(v);
}

function nameOf(s: unknown): unknown {
  if (typeof s === 'object' && s !== null && 'name' in s) return (s as { name: unknown }).name;
  return s;
}

/** The fields the gate requires to be identical, with how to read each from a results object. */
const IDENTITY: readonly [string, (r: Results) => unknown][] = [
  ['schemaVersion', (r) => r.schemaVersion],
  ['run.scenario', (r) => r.run['scenario']],
  ['run.seed', (r) => r.run['seed']],
  ['run.implementation', (r) => r.run['implementation']],
];

/** Fields worth a warning (gate) or a header line (compare) when they differ. */
const SETTINGS: readonly [string, (r: Results) => unknown][] = [
  ['run.command', (r) => r.run['command']],
  ['run.crypto', (r) => r.run['crypto']],
  ['run.workers', (r) => r.run['workers']],
  ['run.nodes', (r) => r.run['nodes']],
  ['run.commit', (r) => r.run['commit'] ?? (r.run['env'] as { commit?: unknown } | undefined)?.commit],
  ['partial', (r) => r.partial ?? false],
];

function differing(fields: readonly [string, (r: Results) => unknown][], runs: readonly Results[]): RunDifference[] {
  const out: RunDifference[] = [];
  for (const [key, read] of fields) {
    const values = runs.map((r) => show(key === 'run.scenario' ? read(r) : read(r)));
    if (new Set(values).size > 1) out.push({ key, values });
  }
  return out;
}

/** Identity fields that differ (the gate refuses these unless forced). */
export function identityDifferences(runs: readonly Results[]): RunDifference[] {
  return differing(IDENTITY, runs);
}

/** Other run settings and environment fields that differ. */
export function settingDifferences(runs: readonly Results[]): RunDifference[] {
  const out = differing(SETTINGS, runs);
  const envs = runs.map((r) => r.run['env'] as Partial<RunEnv> | undefined);
  const base = envs[0];
  for (let i = 1; i < envs.length; i += 1) {
    for (const d of envDifferences(base, envs[i])) out.push({ key: `run.env (run ${i + 1})`, values: [d] });
  }
  return out;
}

/** A short label for a run: scenario name, seed, implementation. */
export function runLabel(r: Results, index: number): string {
  const parts = [`#${index + 1}`];
  const scenario = nameOf(r.run['scenario']);
  if (typeof scenario === 'string') parts.push(scenario);
  const impl = nameOf(r.run['implementation']);
  if (typeof impl === 'string') parts.push(impl);
  if (typeof r.run['seed'] === 'number') parts.push(`seed ${r.run['seed']}`);
  return parts.join(' ');
}
