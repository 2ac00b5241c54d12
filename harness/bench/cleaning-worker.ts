// Piscina worker: one step of grid cleaning over SharedArrayBuffers (scatter a record range, or
// dedupe and aggregate a block range). Tiny on purpose: both steps are callable in-process.

import { cleanBlocks, GridScratch, scatterRange } from '../adapters/reference.js';
import type { CleaningTask } from './cleaning-pool.js';

const scratch = new GridScratch();

export default function cleaningStep(task: CleaningTask): number {
  if (task.kind === 'scatter') {
    scatterRange(task.cols, task.plan, task.params, task.layout, task.status, task.i0, task.i1, task.next, task.tuples);
    return task.i1 - task.i0;
  }
  return cleanBlocks(task.plan, task.params, task.layout, task.tuples, task.starts, task.status, task.out, task.b0, task.b1, scratch);
}
