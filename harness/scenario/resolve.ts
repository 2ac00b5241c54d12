// Fills every default into a validated scenario, giving the engine's fully resolved Scenario
// (also what results.json records as run.scenario).

import { DEFAULT_COST_MODEL, type RateSpec, type Scenario } from '../sim/scenario.js';

const NO_RATE: RateSpec = { ratePerSec: 0, countMax: 0, startMs: 0 };

function rate(r: Record<string, any> | undefined): RateSpec {
  if (r === undefined) return NO_RATE;
  return { ratePerSec: r.ratePerSec, countMax: r.countMax ?? 1_000_000, startMs: r.startMs ?? 0 };
}

/** `raw` must have passed scenarioProblems() with no problem. */
export function resolveScenario(raw: Record<string, any>): Scenario {
  const w = raw.workload ?? {};
  const n = raw.network ?? {};
  return {
    name: raw.name,
    description: raw.description ?? '',
    nodes: raw.nodes,
    durationMs: raw.durationMs,
    treaty: { ...(raw.treaty ?? {}) },
    workload: {
      memberShares: rate(w.memberShares),
      nonMemberShares: rate(w.nonMemberShares),
      joins: rate(w.joins),
      votePolicy: { join: w.votePolicy?.join ?? 'allow', share: w.votePolicy?.share ?? 'allow' },
      rejectingPermille: w.rejectingPermille ?? 0,
      label: w.label ?? 'kind=meter',
      recordsPerNode: w.recordsPerNode ?? 24,
    },
    network: {
      latencyMs: { min: n.latencyMs?.min ?? 5, max: n.latencyMs?.max ?? 40 },
      jitterMs: n.jitterMs ?? 5,
      bandwidthBytesPerSec: n.bandwidthBytesPerSec ?? 125_000_000,
      lossPermille: n.lossPermille ?? 0,
      clockSkewMs: n.clockSkewMs ?? 0,
    },
    faults: (raw.faults ?? []).map((f: Record<string, any>) =>
      f.kind === 'partition'
        ? { kind: 'partition', atMs: f.atMs, healAtMs: f.healAtMs, minorityPermille: f.minorityPermille }
        : { kind: 'crash', node: f.node ?? -1, atMs: f.atMs, restartAtMs: f.restartAtMs ?? -1 },
    ),
    byzantine: (raw.byzantine ?? []).map((b: Record<string, any>) => ({ nodes: [...b.nodes], behaviours: [...b.behaviours] })),
    costModel: { ...DEFAULT_COST_MODEL, ...(raw.costModel ?? {}) },
    liveness: { boundMs: raw.liveness?.boundMs ?? 30_000 },
    mixed: { implNodes: raw.mixed?.implNodes ?? 0 },
    expectViolations: raw.expectViolations ?? false,
  };
}
