// Open-loop workload: requests are issued on schedule whatever the backlog (so a saturated
// system shows up as latency and unfinished requests, not as a lower offered rate).

import type { Hex } from '../../contract/index.js';
import { NODE_EPOCH_MS, type Engine } from './engine.js';
import type { Xoshiro128 } from './prng.js';
import type { RateSpec, Scenario } from './scenario.js';

export interface WorkloadTargets {
  memberShares: number;
  nonMemberShares: number;
  joins: number;
}

export interface WorkloadPlan {
  readonly engine: Engine;
  readonly scenario: Scenario;
  readonly rng: Xoshiro128;
  /** Engine indexes of founders, applicants and requesters. */
  readonly founders: readonly number[];
  readonly founderKeys: readonly Hex[];
  readonly applicants: readonly number[];
  readonly requesters: readonly number[];
}

const VIA_MEMBERS = 3;

/** Schedules a generator that issues `countMax` requests at `ratePerSec` from `startMs`. */
function everyTick(plan: WorkloadPlan, spec: RateSpec, issue: (k: number, nowUs: number) => void, issued: { n: number }): void {
  if (spec.ratePerSec <= 0 || spec.countMax <= 0) return;
  const endUs = plan.scenario.durationMs * 1000;
  const at = (k: number): number => spec.startMs * 1000 + Math.floor((k * 1_000_000) / spec.ratePerSec);
  const step = (k: number) => (nowUs: number) => {
    issue(k, nowUs);
    issued.n += 1;
    const next = k + 1;
    if (next < spec.countMax && at(next) <= endUs) plan.engine.action(at(next), step(next));
  };
  if (at(0) <= endUs) plan.engine.action(at(0), step(0));
}

/** Target counts (what the rates ask for within the duration) and live issued counters. */
export function scheduleWorkload(plan: WorkloadPlan): { targets: WorkloadTargets; issued: { memberShares: { n: number }; nonMemberShares: { n: number }; joins: { n: number } } } {
  const { engine, rng, founders, founderKeys } = plan;
  const w = plan.scenario.workload;
  const F = founders.length;
  const pickFounder = (): number => rng.below(F);
  const issued = { memberShares: { n: 0 }, nonMemberShares: { n: 0 }, joins: { n: 0 } };

  everyTick(plan, w.memberShares, (k, nowUs) => {
    const a = pickFounder();
    let b = pickFounder();
    if (b === a) b = (a + 1) % F;
    engine.command(nowUs, founders[a] as number, { type: 'requestShare', server: founderKeys[b] as Hex, label: w.label, nonce: k });
  }, issued.memberShares);

  everyTick(plan, w.nonMemberShares, (k, nowUs) => {
    const r = plan.requesters[k % plan.requesters.length] as number;
    const b = pickFounder();
    engine.command(nowUs, r, { type: 'requestShare', server: founderKeys[b] as Hex, label: w.label, nonce: k });
  }, issued.nonMemberShares);

  everyTick(plan, w.joins, (k, nowUs) => {
    const via: Hex[] = [];
    for (let i = 0; i < Math.min(VIA_MEMBERS, F); i++) via.push(founderKeys[(pickFounder() + i) % F] as Hex);
    engine.command(nowUs, plan.applicants[k] as number, { type: 'applyToJoin', via: [...new Set(via)], createdAtMs: NODE_EPOCH_MS + Math.floor((nowUs + engine.nodes[plan.applicants[k] as number]!.skewUs) / 1000) });
  }, issued.joins);

  const target = (s: RateSpec): number =>
    s.ratePerSec <= 0 ? 0 : Math.min(s.countMax, Math.max(0, Math.floor(((plan.scenario.durationMs - s.startMs) * s.ratePerSec) / 1000) + 1));
  return { targets: { memberShares: target(w.memberShares), nonMemberShares: target(w.nonMemberShares), joins: target(w.joins) }, issued };
}
