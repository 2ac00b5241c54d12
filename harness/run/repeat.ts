// --repeat N: the same run N times in this process (sequential, so wall-clock samples are not
// disturbed by one another). Deterministic figures must agree across repeats; wall-clock ones
// are kept as `XSamples` beside the first run's value.

import type { Results } from '../report/results.js';
import { runScenario, type CryptoMode, type RunScenarioOptions } from './run-scenario.js';

export interface RepeatOptions {
  readonly scenario: string;
  readonly seed: number;
  readonly workers: number;
  readonly crypto: CryptoMode;
  readonly impl: string;
  readonly repeat: number;
  readonly argv: readonly string[];
  readonly shouldStop: () => boolean;
  readonly onProgress?: RunScenarioOptions['onProgress'];
}

const WALL_CHAIN = ['wallMs', 'wallBlocksPerSec', 'wallEntriesPerSec'] as const;
const WALL_SIM = ['eventsPerSec', 'peakRssBytes'] as const;

type AnyResults = Record<string, any> & Results;

export async function runRepeated(o: RepeatOptions): Promise<AnyResults> {
  const runs: any[] = [];
  for (let i = 0; i < o.repeat; i++) {
    const { results } = await runScenario({ scenario: o.scenario, seed: o.seed, workers: o.workers, crypto: o.crypto, impl: o.impl, argv: o.argv, shouldStop: o.shouldStop, ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}) });
    runs.push(results);
    if (o.shouldStop()) break;
  }
  const first = runs[0];
  if (runs.length < 2) return first;
  const chain = first.metrics.chain;
  const sim = first.metrics.sim;
  for (const k of WALL_CHAIN) chain[`${k}Samples`] = runs.map((r: any) => r.metrics.chain[k]);
  for (const k of WALL_SIM) sim[`${k}Samples`] = runs.map((r: any) => r.metrics.sim[k]);
  first.metrics.votes.wallLatencyMs.p50Samples = runs.map((r: any) => r.metrics.votes.wallLatencyMs.p50);
  first.metrics.votes.wallLatencyMs.p99Samples = runs.map((r: any) => r.metrics.votes.wallLatencyMs.p99);
  const heads = new Set(runs.map((r: any) => `${r.finalState?.headHash}/${r.metrics.sim.events}`));
  if (heads.size > 1) {
    first.safety.violations += 1;
    first.safety.passed = false;
    first.safety.details.push({ kind: 'nondeterminism', message: `repeats of one seed ended at different heads/event counts: ${[...heads].join(', ')}`, atMs: 0, replay: first.run.replay });
  }
  first.run.repeat = runs.length;
  return first;
}
