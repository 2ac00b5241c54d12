// Piscina worker entry: deserialise → runScenario → plain data back (design: tiny worker files;
// everything here is also callable in-process).

import type { Scenario } from '../sim/scenario.js';
import { runScenario, type CryptoMode } from './run-scenario.js';

export interface SimTask {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly crypto: CryptoMode;
  readonly impl: string;
  readonly argv: readonly string[];
}

export default async function runTask(task: SimTask): Promise<Record<string, unknown>> {
  const { results } = await runScenario({ scenario: task.scenario, seed: task.seed, crypto: task.crypto, impl: task.impl, argv: task.argv });
  return results as Record<string, unknown>;
}
