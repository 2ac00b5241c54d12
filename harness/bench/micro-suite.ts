// `bench micro` as a function: runs the micro tasks (each round in a fresh worker) and returns a
// results object holding metrics.micro (the suite command and gate-stability reuse it).

import { captureEnv } from '../metrics/env.js';
import { baseRun, RESULTS_SCHEMA_VERSION, type Results } from '../report/results.js';
import { runMicroIsolated } from './micro-isolated.js';
import type { MicroOptions } from './micro-runner.js';

export interface MicroSuiteOptions extends MicroOptions {
  /** Keep only tasks whose name contains this text. */
  readonly filter?: string;
  /** Include the reference node's block validation and vote tally (default true). */
  readonly withReference?: boolean;
  readonly argv?: readonly string[];
}

export async function measureMicro(options: MicroSuiteOptions = {}): Promise<{ results: Results; aborted: boolean }> {
  const startedMs = Date.now();
  const env = captureEnv();
  const run = await runMicroIsolated(options);
  const results: Results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    ...(run.aborted ? { partial: true } : {}),
    run: { ...baseRun('bench micro', options.argv ?? [], env), implementation: 'reference', durationMs: Date.now() - startedMs },
    metrics: { micro: run.tasks },
  };
  return { results, aborted: run.aborted };
}
