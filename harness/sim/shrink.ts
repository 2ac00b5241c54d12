// Shrinking a failing run (as QuickCheck/VOPR do): try smaller variants of the scenario —
// fewer faults, fewer Byzantine groups, less workload, shorter duration, fewer nodes — keeping
// each one that still fails, until no reduction fails. Deterministic for a given seed.

import type { Scenario } from './scenario.js';

/** Bound on attempted runs, so shrinking a large scenario terminates in reasonable time. */
export const SHRINK_ATTEMPTS_MAX = 60;

function candidates(s: Scenario): { what: string; scenario: Scenario }[] {
  const out: { what: string; scenario: Scenario }[] = [];
  s.faults.forEach((_, i) => out.push({ what: `drop fault ${i}`, scenario: { ...s, faults: s.faults.filter((__, j) => j !== i) } }));
  s.byzantine.forEach((b, i) => {
    out.push({ what: `drop byzantine group ${i}`, scenario: { ...s, byzantine: s.byzantine.filter((__, j) => j !== i) } });
    if (b.nodes.length > 1) out.push({ what: `byzantine group ${i}: one node fewer`, scenario: { ...s, byzantine: s.byzantine.map((g, j) => (j === i ? { ...g, nodes: g.nodes.slice(0, -1) } : g)) } });
    if (b.behaviours.length > 1) out.push({ what: `byzantine group ${i}: one behaviour fewer`, scenario: { ...s, byzantine: s.byzantine.map((g, j) => (j === i ? { ...g, behaviours: g.behaviours.slice(0, -1) } : g)) } });
  });
  const w = s.workload;
  for (const k of ['memberShares', 'nonMemberShares', 'joins'] as const) {
    if (w[k].countMax > 0) out.push({ what: `no ${k}`, scenario: { ...s, workload: { ...w, [k]: { ...w[k], countMax: 0 } } } });
  }
  if (s.durationMs > 1000) out.push({ what: `duration ${Math.ceil(s.durationMs / 2)} ms`, scenario: { ...s, durationMs: Math.ceil(s.durationMs / 2) } });
  const maxIndex = Math.max(-1, ...s.byzantine.flatMap((b) => b.nodes), ...s.faults.map((f) => (f.kind === 'crash' ? f.node : -1)));
  const fewer = Math.max(maxIndex + 1, Math.ceil(s.nodes / 2), 1);
  if (fewer < s.nodes) out.push({ what: `${fewer} nodes`, scenario: { ...s, nodes: fewer, mixed: { implNodes: Math.min(s.mixed.implNodes, fewer) } } });
  if (s.nodes - 1 > maxIndex && s.nodes > 1) out.push({ what: `${s.nodes - 1} nodes`, scenario: { ...s, nodes: s.nodes - 1, mixed: { implNodes: Math.min(s.mixed.implNodes, s.nodes - 1) } } });
  return out;
}

export function shrinkScenario(start: Scenario, fails: (s: Scenario) => boolean, note: (line: string) => void = () => {}): { scenario: Scenario; steps: number } {
  let current = start;
  let steps = 0;
  let attempts = 0;
  let progress = true;
  while (progress && attempts < SHRINK_ATTEMPTS_MAX) {
    progress = false;
    for (const c of candidates(current)) {
      if (++attempts > SHRINK_ATTEMPTS_MAX) break;
      if (fails(c.scenario)) {
        current = c.scenario;
        steps += 1;
        note(`${c.what}: still fails`);
        progress = true;
        break;
      }
    }
  }
  return { scenario: current, steps };
}
