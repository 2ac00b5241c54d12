// Typed read access to a validated results object: the schema guarantees these shapes where the
// sections exist, so the reports read them through these views instead of `unknown`.

import type { Results } from './results.js';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  count?: number;
  percentiles?: [number, number][];
  /** The scenario engine nests latency by decision outcome here. */
  byOutcome?: Record<string, LatencySummary>;
}
export interface TimelinePoint {
  atMs: number;
  height: number;
  entries?: number;
}
export interface ChainMetrics {
  blocks?: number;
  entries?: number;
  blocksPerSec?: number;
  entriesPerSec?: number;
  wallBlocksPerSec?: number;
  wallEntriesPerSec?: number;
  timeline?: TimelinePoint[];
}
export interface VoteMetrics {
  decisions?: number | Record<string, number>;
  latencyMs?: LatencySummary;
  wallLatencyMs?: LatencySummary;
  byOutcome?: Record<string, { decisions?: number; latencyMs?: LatencySummary; wallLatencyMs?: LatencySummary }>;
}
export interface SimMetrics {
  events?: number;
  eventsPerSec?: number;
  messages?: number;
  peakRssBytes?: number;
  uniqueVerifications?: number;
  cacheHits?: number;
}
export interface CleaningPeer {
  available?: boolean;
  reason?: string;
  recordsPerSec?: number;
  recordsPerSecSamples?: number[];
  sameOutput?: boolean;
  version?: string;
  threads?: number;
}
export interface CleaningMetrics {
  records?: number;
  recordsPerSec: number;
  recordsPerSecSamples?: number[];
  mbPerSec?: number;
  workers?: number;
  precision?: number;
  recall?: number;
  peers?: Record<string, CleaningPeer>;
}
export interface MicroTask {
  group?: string;
  backend?: string;
  opsPerSec: number;
  opsPerSecSamples: number[];
  p50Ns: number;
  p99Ns: number;
  rmePercent: number;
}
export interface ConformanceCheck {
  id: string;
  requirements?: string[];
  status: 'PASS' | 'FAIL' | 'ERROR' | 'TIMEOUT' | 'CRASH' | 'SKIP';
  message?: string;
  durationMs?: number;
}
export interface ConformanceSection {
  implementation?: string;
  passed: number;
  failed: number;
  skipped: number;
  errors?: number;
  uncoveredRequirements?: string[];
  mutants?: { killed?: number; total?: number };
  checks?: ConformanceCheck[];
}
export interface SafetySection {
  violations: number;
  details: { checker?: string; message: string; height?: number; replay?: string }[];
  checks?: { name: string; violations: number }[];
}
export interface ScenarioView {
  run?: Record<string, unknown>;
  finalState?: { headHash: string; height: number };
  chain?: ChainMetrics;
  votes?: VoteMetrics;
  sim?: SimMetrics;
  safety?: SafetySection;
}

function metrics(r: { metrics?: unknown }): Record<string, unknown> {
  return (r.metrics ?? {}) as Record<string, unknown>;
}

export const view = {
  chain: (r: Results) => metrics(r)['chain'] as ChainMetrics | undefined,
  votes: (r: Results) => metrics(r)['votes'] as VoteMetrics | undefined,
  sim: (r: Results) => metrics(r)['sim'] as SimMetrics | undefined,
  cleaning: (r: Results) => metrics(r)['cleaning'] as CleaningMetrics | undefined,
  micro: (r: Results) => metrics(r)['micro'] as Record<string, MicroTask> | undefined,
  conformance: (r: Results) => r.conformance as ConformanceSection | undefined,
  safety: (r: Results) => r.safety as SafetySection | undefined,
  /** Each scenario run: the `scenarios` section, or the headline run when there is none. */
  scenarios(r: Results): [string, ScenarioView][] {
    const fromRun = (s: Record<string, unknown>): ScenarioView => {
      const m = metrics(s as { metrics?: unknown });
      return {
        ...(s['run'] ? { run: s['run'] as Record<string, unknown> } : {}),
        ...(s['finalState'] ? { finalState: s['finalState'] as { headHash: string; height: number } } : {}),
        ...(m['chain'] ? { chain: m['chain'] as ChainMetrics } : {}),
        ...(m['votes'] ? { votes: m['votes'] as VoteMetrics } : {}),
        ...(m['sim'] ? { sim: m['sim'] as SimMetrics } : {}),
        ...(s['safety'] ? { safety: s['safety'] as SafetySection } : {}),
      };
    };
    const scenarios = r.scenarios as Record<string, Record<string, unknown>> | undefined;
    if (scenarios && Object.keys(scenarios).length > 0) {
      return Object.entries(scenarios).map(([name, s]) => [name, fromRun(s)]);
    }
    if (!r.finalState && !view.chain(r)) return [];
    return [[scenarioName(r) ?? 'run', fromRun(r as unknown as Record<string, unknown>)]];
  },
};

/** run.nodes is a count or counts by role with a total. */
export function nodeCount(run: Record<string, unknown> | undefined): number | undefined {
  const n = run?.['nodes'];
  if (typeof n === 'number') return n;
  if (typeof n === 'object' && n !== null && typeof (n as { total?: unknown }).total === 'number') return (n as { total: number }).total;
  return undefined;
}

export function scenarioName(r: Results): string | undefined {
  const s = r.run['scenario'];
  if (typeof s === 'string') return s;
  if (typeof s === 'object' && s !== null && typeof (s as { name?: unknown }).name === 'string') {
    return (s as { name: string }).name;
  }
  return undefined;
}
