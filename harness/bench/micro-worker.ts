// Worker entry for one isolated micro round: build the tasks, measure each once, post the samples.
// Tiny on purpose (deserialise → call → return plain data); micro-isolated.ts owns the rounds.

import { parentPort, workerData } from 'node:worker_threads';
import { referenceMicroTasks } from './micro-reference.js';
import { measureTask } from './micro-runner.js';
import { defaultMicroTasks } from './micro-tasks.js';

export interface MicroWorkerInput {
  readonly filter?: string;
  readonly withReference: boolean;
  readonly timeMs: number;
  readonly warmupMs: number;
}

export type MicroWorkerMessage =
  | { readonly type: 'names'; readonly names: readonly string[] }
  | { readonly type: 'sample'; readonly sample: import('./micro-runner.js').RoundSample }
  | { readonly type: 'done' };

const input = workerData as MicroWorkerInput;
const port = parentPort!;
const tasks = defaultMicroTasks(input.withReference ? [referenceMicroTasks] : [], input.filter);
port.postMessage({ type: 'names', names: tasks.map((t) => t.name) } satisfies MicroWorkerMessage);
for (const task of tasks) {
  const sample = await measureTask(task, input.timeMs, input.warmupMs);
  port.postMessage({ type: 'sample', sample } satisfies MicroWorkerMessage, [sample.latenciesMs.buffer as ArrayBuffer]);
}
port.postMessage({ type: 'done' } satisfies MicroWorkerMessage);
