// Turns a SimOutcome (plus wall-clock measurements) into results.json sections (issue 5 item 7).

import type { Scenario } from '../sim/scenario.js';
import type { SimOutcome } from '../sim/simulate.js';
import { LIVENESS_KINDS } from '../sim/violations.js';

export interface WallMeasures {
  readonly wallMs: number;
  readonly peakRssBytes: number;
}

/** Achieved below this share of the target offered rate marks a run saturated. */
const SATURATED_BELOW_PERMILLE = 900;

function perSec(count: number, ms: number): number {
  return ms <= 0 ? 0 : Math.round((count * 1000 * 1000) / ms) / 1000;
}

export function replayCommand(scenarioArg: string, seed: number, crypto: string, impl: string): string {
  const parts = ['raa-bench run', `--scenario ${scenarioArg}`, `--seed ${seed}`];
  if (crypto !== 'real') parts.push(`--crypto ${crypto}`);
  if (impl !== 'reference') parts.push(`--impl ${impl}`);
  return parts.join(' ');
}

export function buildSections(o: SimOutcome, scenario: Scenario, wall: WallMeasures, replay: string) {
  const virtualMs = o.virtualEndMs;
  const blocks = o.audit.consensusBlocks;
  const entries = o.audit.entries;
  const r = o.requests;
  const dv = r.decisions.virtual.summary();
  const dw = r.decisions.wall.summary();
  const mv = r.memberShares.virtual.summary();
  const mw = r.memberShares.wall.summary();
  let unique = 0;
  let hits = 0;
  let signs = 0;
  for (const s of Object.values(o.byImpl)) {
    unique += s.counts.verifies;
    hits += s.counts.verdictHits;
    signs += s.counts.signs;
  }
  const achieved = {
    memberShares: perSec(o.issued.memberShares, virtualMs),
    nonMemberShares: perSec(o.issued.nonMemberShares, virtualMs),
    joins: perSec(o.issued.joins, virtualMs),
  };
  const w = scenario.workload;
  const saturated =
    r.completed.memberShare * 1000 < SATURATED_BELOW_PERMILLE * r.submitted.memberShare ||
    r.completed.share + r.completed.join < r.submitted.share + r.submitted.join;
  const expected = scenario.expectViolations;
  const split = o.violations.split();
  return {
    finalState: { headHash: o.audit.headHash, height: o.audit.height },
    metrics: {
      chain: {
        blocks,
        entries,
        members: o.audit.members,
        virtualDurationMs: virtualMs,
        blocksPerSec: perSec(blocks, virtualMs),
        entriesPerSec: perSec(entries, virtualMs),
        wallMs: Math.round(wall.wallMs),
        wallBlocksPerSec: perSec(blocks, wall.wallMs),
        wallEntriesPerSec: perSec(entries, wall.wallMs),
        timeline: o.audit.timeline,
      },
      votes: {
        latencyMs: dv,
        wallLatencyMs: dw,
        decisions: o.audit.decisions,
      },
      shares: { member: { latencyMs: mv, wallLatencyMs: mw } },
      workload: {
        openLoop: true,
        targetRatePerSec: { memberShares: w.memberShares.ratePerSec, nonMemberShares: w.nonMemberShares.ratePerSec, joins: w.joins.ratePerSec },
        achievedRatePerSec: achieved,
        target: o.targets,
        issued: o.issued,
        submitted: r.submitted,
        completed: r.completed,
        saturated,
      },
      sim: {
        events: o.engine.events,
        eventsPerSec: perSec(o.engine.events, wall.wallMs),
        handled: o.engine.handled,
        messages: o.engine.messages,
        deliveries: o.engine.deliveries,
        deliveriesByType: Object.fromEntries(Object.entries(o.engine.deliveriesByType).sort()),
        networkDropped: o.network.dropped,
        nodeErrors: o.engine.errors,
        peakRssBytes: wall.peakRssBytes,
        uniqueVerifications: unique,
        cacheHits: hits,
        signatures: signs,
        stoppedEarly: o.stopped,
      },
      byImplementation: Object.fromEntries(
        Object.entries(o.byImpl).map(([label, s]) => [
          label,
          { handled: s.handled, commits: s.commits, threw: s.threw, errors: s.errors, uniqueVerifications: s.counts.verifies, cacheHits: s.counts.verdictHits, head: o.implHeads[label] ?? null },
        ]),
      ),
    },
    safety: {
      violations: split.safety.count,
      expectViolations: expected,
      passed: expected ? split.safety.count > 0 : split.safety.count === 0,
      byKind: Object.fromEntries([...o.violations.byKind].filter(([k]) => !LIVENESS_KINDS.has(k)).sort()),
      details: split.safety.details.map((v) => ({ ...v, replay })),
    },
    liveness: {
      violations: split.liveness.count,
      boundMs: scenario.liveness.boundMs,
      passed: expected || split.liveness.count === 0,
      details: split.liveness.details.map((v) => ({ ...v, replay })),
    },
  };
}
