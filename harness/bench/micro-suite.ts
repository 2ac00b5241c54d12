// `bench micro` as a function: runs the micro tasks and returns a results object holding
// metrics.micro (the suite command and the gate-stability benchmark reuse it).

import { captureEnv } from '../metrics/env.js';
import { baseRun, RESULTS_SCHEMA_VERSION, type Results } from '../report/results.js';
import { runMicro, type MicroOptions } from './micro-runner.js';
import { referenceMicroTasks } from './micro-reference.js';
import { defaultMicroTasks, type MicroTaskSource } from './micro-tasks.js';

export interface MicroSuiteOptions extends MicroOptions {
  /** Keep only tasks whose name contains this text. */
  readonly filter?: string;
  /** Tasks beyond the built-in ones; default: the reference node's block validation and vote tally. */
  readonly extraTasks?: readonly MicroTaskSource[];
  readonly argv?: readonly string[];
}

export async function measureMicro(options: MicroSuiteOptions = {}): Promise<{ results: Results; aborted: boolean }> {
  const startedMs = Date.now();
  const env = captureEnv();
  const tasks = defaultMicroTasks(options.extraTasks ?? [referenceMicroTasks]).filter((t) => !options.filter || t.name.includes(options.filter));
  const run = await runMicro(tasks, options);
  const results: Results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    ...(run.aborted ? { partial: true } : {}),
    run: { ...baseRun('bench micro', options.argv ?? [], env), implementation: 'reference', durationMs: Date.now() - startedMs },
    metrics: { micro: run.tasks },
  };
  return { results, aborted: run.aborted };
}
