// Piscina worker: one step of grid cleaning over SharedArrayBuffers (survey or scatter a record
// range, or dedupe and aggregate a block range). Tiny on purpose: both steps are callable in-process.

import { cleanBlocks, compactRange, GridScratch, scatterRange, surveyRange, type RangeSurvey } from '../adapters/reference.js';
import type { CleaningTask } from './cleaning-pool.js';

const scratch = new GridScratch();

export default function cleaningStep(task: CleaningTask): number | RangeSurvey {
  if (task.kind === 'survey') return surveyRange(task.cols, task.intervalMinutes, task.i0, task.i1);
  if (task.kind === 'scatter') {
    scatterRange(task.cols, task.plan, task.params, task.layout, task.status, task.i0, task.i1, task.next, task.tuples);
    return task.i1 - task.i0;
  }
  cleanBlocks(task.plan, task.params, task.layout, task.tuples, task.starts, task.status, task.out, task.b0, task.b1, scratch);
  const m0 = task.b0 * task.layout.blockMeters;
  const m1 = Math.min(task.plan.meters, task.b1 * task.layout.blockMeters);
  return compactRange(task.plan, task.out, m0, m1, task.rows);
}
