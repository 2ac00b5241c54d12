// Open-loop workload: requests are issued on schedule whatever the backlog (so a saturated
// system shows up as latency and unfinished requests, not as a lower offered rate).

import type { Command, Hex } from '../../contract/index.js';
import { NODE_EPOCH_MS, type Engine, type SimNode } from './engine.js';
import { rngStream } from './prng.js';
import type { RateSpec, Scenario } from './scenario.js';

export interface WorkloadTargets {
  memberShares: number;
  nonMemberShares: number;
  joins: number;
}

export interface WorkloadPlan {
  readonly engine: Engine;
  readonly scenario: Scenario;
  /** The run's seed: each generator draws from its own stream of it, so its k-th request is the
   *  same whatever the other generators do (and can be known before its time). */
  readonly seed: number;
  /** Engine indexes of founders, applicants and requesters. */
  readonly founders: readonly number[];
  readonly founderKeys: readonly Hex[];
  readonly applicants: readonly number[];
  readonly requesters: readonly number[];
  /** Told of each command one period before it is issued (the first ones at scheduling). */
  readonly preview?: (node: number, command: Command, atUs: number) => void;
}

const VIA_MEMBERS = 3;

interface Issue {
  readonly node: number;
  readonly command: Command;
}

/**
 * Schedules a generator that issues `countMax` requests at `ratePerSec` from `startMs`. Request
 * k + 1 is made (its random draws taken) when request k is issued, and previewed then.
 */
function everyTick(plan: WorkloadPlan, spec: RateSpec, make: (k: number, atUs: number) => Issue, issued: { n: number }): void {
  if (spec.ratePerSec <= 0 || spec.countMax <= 0) return;
  const endUs = plan.scenario.durationMs * 1000;
  const at = (k: number): number => spec.startMs * 1000 + Math.floor((k * 1_000_000) / spec.ratePerSec);
  const prepare = (k: number): void => {
    const next = make(k, at(k));
    plan.preview?.(next.node, next.command, at(k));
    plan.engine.action(at(k), step(k, next));
  };
  const step = (k: number, issue: Issue) => (nowUs: number) => {
    plan.engine.command(nowUs, issue.node, issue.command);
    issued.n += 1;
    if (k + 1 < spec.countMax && at(k + 1) <= endUs) prepare(k + 1);
  };
  if (at(0) <= endUs) prepare(0);
}

/** Target counts (what the rates ask for within the duration) and live issued counters. */
export function scheduleWorkload(plan: WorkloadPlan): { targets: WorkloadTargets; issued: { memberShares: { n: number }; nonMemberShares: { n: number }; joins: { n: number } } } {
  const { founders, founderKeys } = plan;
  const w = plan.scenario.workload;
  const F = founders.length;
  const issued = { memberShares: { n: 0 }, nonMemberShares: { n: 0 }, joins: { n: 0 } };

  const memberRng = rngStream(plan.seed, 'workload/memberShares');
  everyTick(plan, w.memberShares, (k) => {
    const a = memberRng.below(F);
    let b = memberRng.below(F);
    if (b === a) b = (a + 1) % F;
    return { node: founders[a] as number, command: { type: 'requestShare', server: founderKeys[b] as Hex, label: w.label, nonce: k } };
  }, issued.memberShares);

  const nonMemberRng = rngStream(plan.seed, 'workload/nonMemberShares');
  everyTick(plan, w.nonMemberShares, (k) => {
    const r = plan.requesters[k % plan.requesters.length] as number;
    const b = nonMemberRng.below(F);
    return { node: r, command: { type: 'requestShare', server: founderKeys[b] as Hex, label: w.label, nonce: k } };
  }, issued.nonMemberShares);

  const joinRng = rngStream(plan.seed, 'workload/joins');
  everyTick(plan, w.joins, (k, atUs) => {
    const via: Hex[] = [];
    for (let i = 0; i < Math.min(VIA_MEMBERS, F); i++) via.push(founderKeys[(joinRng.below(F) + i) % F] as Hex);
    const node = plan.applicants[k] as number;
    return { node, command: { type: 'applyToJoin', via: [...new Set(via)], createdAtMs: NODE_EPOCH_MS + Math.floor((atUs + (plan.engine.nodes[node] as SimNode).skewUs) / 1000) } };
  }, issued.joins);

  const target = (s: RateSpec): number =>
    s.ratePerSec <= 0 ? 0 : Math.min(s.countMax, Math.max(0, Math.floor(((plan.scenario.durationMs - s.startMs) * s.ratePerSec) / 1000) + 1));
  return { targets: { memberShares: target(w.memberShares), nonMemberShares: target(w.nonMemberShares), joins: target(w.joins) }, issued };
}
