// Assembles the suite's one results.json from the results each stage produced (each stage is a
// command's results: a scenario run, cleaning, conformance, micro). The headline scenario (city)
// fills finalState, metrics.chain/votes/sim and safety at the top; every scenario sits under
// `scenarios`.

import type { Results } from '../report/results.js';

export type StageKind = 'scenario' | 'cleaning' | 'conformance' | 'micro';

export interface StageResult {
  readonly kind: StageKind;
  /** The scenario name for scenario stages. */
  readonly name: string;
  readonly results: Results;
}

function metricsOf(r: Results): Record<string, unknown> {
  return (r.metrics ?? {}) as Record<string, unknown>;
}

function scenarioSection(r: Results): Record<string, unknown> {
  const m = metricsOf(r);
  const metrics = Object.fromEntries(['chain', 'votes', 'sim'].filter((k) => m[k] !== undefined).map((k) => [k, m[k]]));
  return {
    run: r.run,
    ...(r.finalState ? { finalState: r.finalState } : {}),
    ...(Object.keys(metrics).length > 0 ? { metrics } : {}),
    ...(r.safety ? { safety: r.safety } : {}),
  };
}

/** `run` is the suite's own run section (command, argv, env…); `headline` names the scenario shown at the top. */
export function assembleSuite(run: Record<string, unknown>, stages: readonly StageResult[], headline = 'city', schemaVersion = '1.0.0'): Results {
  const out: Results = { schemaVersion, run: { ...run } };
  const metrics: Record<string, unknown> = {};
  const scenarios: Record<string, unknown> = {};
  const scenarioStages = stages.filter((s) => s.kind === 'scenario');
  for (const s of scenarioStages) scenarios[s.name] = scenarioSection(s.results);
  const head = scenarioStages.find((s) => s.name === headline) ?? scenarioStages[scenarioStages.length - 1];
  if (head) {
    const h = head.results;
    for (const key of ['scenario', 'seed', 'implementation', 'nodes', 'crypto', 'specVersion', 'lockfileHash'] as const) {
      if (h.run[key] !== undefined) out.run[key] = h.run[key];
    }
    if (h.finalState) out.finalState = h.finalState;
    if (h.safety) out.safety = h.safety;
    const hm = metricsOf(h);
    for (const k of ['chain', 'votes', 'sim']) if (hm[k] !== undefined) metrics[k] = hm[k];
  }
  for (const s of stages) {
    if (s.kind === 'cleaning' && metricsOf(s.results)['cleaning'] !== undefined) metrics['cleaning'] = metricsOf(s.results)['cleaning'];
    if (s.kind === 'micro' && metricsOf(s.results)['micro'] !== undefined) metrics['micro'] = metricsOf(s.results)['micro'];
    if (s.kind === 'conformance' && s.results.conformance) out.conformance = s.results.conformance;
    if (s.results.partial) out.partial = true;
  }
  if (Object.keys(metrics).length > 0) out.metrics = metrics;
  if (Object.keys(scenarios).length > 0) out.scenarios = scenarios;
  return out;
}
