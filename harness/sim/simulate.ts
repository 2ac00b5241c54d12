// One simulated run: builds the population, wires nodes to the engine, schedules workload and
// faults, runs to the scenario's end and checks safety and liveness. Deterministic: the wall
// clock is injected and only feeds wall-clock metrics, never the model.

import type { Command, CryptoBackend, Effect, Hex, Input, NodeError, NodeFactory, NodeUnderTest, Proposal, RequestKind, VotePolicy } from '../../contract/index.js';
import { ChainAuditor, type AuditSummary } from './audit.js';
import { ByzantineNode, EquivocationCoordinator, outsiderKeys } from './byzantine.js';
import { countingCrypto, createSimCaches, newCryptoCounts, type CryptoCounts } from './crypto.js';
import { Engine, type EngineStats, type SimNode } from './engine.js';
import { NetworkModel } from './network.js';
import { buildPopulation, MapStorage, syntheticSharing, type FounderMaterial } from './population.js';
import { rngStream } from './prng.js';
import { RequestTracker } from './requests.js';
import type { Scenario } from './scenario.js';
import { ViolationLog } from './violations.js';
import { blockHashOf } from './block-text.js';
import { forecastConsensusVotes, forecastVotes, type Voter } from './vote-forecast.js';
import { applicantProfile, forecastRequest } from './request-forecast.js';
import { scheduleWorkload, type WorkloadTargets } from './workload.js';
import { scheduleFaults } from './faults.js';

export interface ImplUnderTest {
  readonly label: string;
  readonly factory: NodeFactory;
}

export interface SimulateOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Base crypto: libsodium Ed25519 ('real') or the keyed-hash backend ('simulated'). */
  readonly crypto: CryptoBackend;
  readonly reference: ImplUnderTest;
  /** The implementation run on `scenario.mixed.implNodes` members (mixed runs). */
  readonly impl?: ImplUnderTest;
  readonly wallNowMs: () => number;
  /** Polled every few thousand events; true ends the run early (Ctrl-C: partial results). */
  readonly shouldStop?: () => boolean;
  /** Receives the signatures members are expected to make next (a sign-ahead pool): within
   *  milliseconds, or `early`: seconds ahead (the pool may then also verify them). */
  readonly presign?: (secretKey: Uint8Array, payload: Uint8Array, early: boolean) => void;
  /** Founders' keys and identities computed elsewhere (a worker pool); derived here otherwise. */
  readonly founders?: readonly FounderMaterial[];
}

export interface ImplStats {
  handled: number;
  errors: Record<string, number>;
  commits: number;
  threw: number;
  readonly counts: CryptoCounts;
}

export interface SimOutcome {
  readonly audit: AuditSummary;
  readonly engine: EngineStats;
  readonly virtualEndMs: number;
  readonly stopped: boolean;
  readonly requests: RequestTracker;
  readonly targets: WorkloadTargets;
  readonly issued: WorkloadTargets;
  readonly violations: ViolationLog;
  readonly byImpl: Record<string, ImplStats>;
  /** Head per implementation label (honest nodes' highest committed), for differential checks. */
  readonly implHeads: Record<string, { height: number; hash: Hex }>;
  readonly network: { sent: number; dropped: number };
  readonly nodes: { founders: number; applicants: number; requesters: number; byzantine: number; implNodes: number };
}

/** Blocks committed after an access's log interval by which it must be on the chain. */
const RECORD_BLOCKS = 12;

function policyFor(scenario: Scenario, index: number, seed: number): { join: VotePolicy; share: VotePolicy } {
  const permille = scenario.workload.rejectingPermille;
  if (permille > 0 && rngStream(seed, `policy/${index}`).below(1000) < permille) return { join: 'reject', share: 'reject' };
  return scenario.workload.votePolicy;
}

/** A run in progress: `step` advances it (true when finished), `finish` checks and reports. */
export interface Simulation {
  step(maxEvents: number): boolean;
  /** Where the run is (virtual ms, events so far, audited height), for progress lines. */
  progress(): { virtualMs: number; events: number; height: number };
  finish(): SimOutcome;
}

export function simulate(opts: SimulateOptions): SimOutcome {
  const sim = startSimulation(opts);
  while (!sim.step(Infinity));
  return sim.finish();
}

export function startSimulation(opts: SimulateOptions): Simulation {
  const { scenario, seed } = opts;
  const pop = opts.founders === undefined ? buildPopulation(scenario, seed, opts.crypto) : buildPopulation(scenario, seed, opts.crypto, opts.founders);
  const F = pop.founders.length;
  const log = new ViolationLog();
  const auditor = new ChainAuditor(pop.treaty, opts.crypto, log);
  const requests = new RequestTracker(opts.wallNowMs);
  const coordinator = new EquivocationCoordinator();

  const byzantineOf = new Map<number, readonly Scenario['byzantine'][number]['behaviours'][number][]>();
  for (const b of scenario.byzantine) for (const i of b.nodes) if (i < F) byzantineOf.set(i, [...(byzantineOf.get(i) ?? []), ...b.behaviours]);
  const implSet = new Set<number>();
  const K = opts.impl === undefined ? 0 : Math.min(scenario.mixed.implNodes, F);
  for (let j = 0; j < K; j++) implSet.add(Math.floor((j * F) / K));

  const impls = new Map<string, { impl: ImplUnderTest; counts: CryptoCounts; caches: ReturnType<typeof createSimCaches>; crypto: CryptoBackend; stats: ImplStats }>();
  const implState = (impl: ImplUnderTest) => {
    let s = impls.get(impl.label);
    if (s === undefined) {
      const counts = newCryptoCounts();
      s = { impl, counts, caches: createSimCaches(counts), crypto: countingCrypto(opts.crypto, counts), stats: { handled: 0, errors: {}, commits: 0, threw: 0, counts } };
      impls.set(impl.label, s);
    }
    return s;
  };

  const clock = rngStream(seed, 'clock');
  const nodes: SimNode[] = [];
  const voters = new Map<Hex, Voter>();
  /** Requests whose votes went to the sign-ahead pool (a resubmission is forecast once). */
  const forecast = new Set<Hex>();
  const addNode = (keys: (typeof pop.founders)[number], role: SimNode['role'], impl: ImplUnderTest, honest: boolean, wrap: (n: NodeUnderTest) => NodeUnderTest): void => {
    const index = nodes.length;
    const st = implState(impl);
    const storage = new MapStorage();
    const policy = policyFor(scenario, index, seed);
    if (honest) voters.set(keys.publicKey, { keys, policy });
    const sharing = syntheticSharing(keys.publicKey, scenario.workload.recordsPerNode);
    let incarnation = 0;
    const create = (): NodeUnderTest =>
      wrap(
        impl.factory.create(
          { treaty: pop.treaty, votePolicy: policy, ...(role === 'applicant' ? { profile: applicantProfile(keys.publicKey) } : {}) },
          { keys, crypto: st.crypto, storage, rng: rngStream(seed, `node/${index}/${incarnation++}`), sharing, caches: st.caches.caches },
        ),
      );
    const skewMs = scenario.network.clockSkewMs;
    nodes.push({
      index,
      key: keys.publicKey,
      role,
      honest,
      impl: impl.label,
      counts: st.counts,
      create,
      // Offsets in [0, 2·skew]: pairwise skew up to 2·clockSkewMs, and no clock reads below 0.
      skewUs: skewMs === 0 ? 0 : clock.between(0, 2 * skewMs * 1000),
    });
  };

  for (const [i, b] of byzantineOf) if (b.includes('equivocate')) coordinator.colluders.add((pop.founders[i] as (typeof pop.founders)[number]).publicKey);
  pop.founders.forEach((keys, i) => {
    const behaviours = byzantineOf.get(i);
    const impl = implSet.has(i) && opts.impl !== undefined ? opts.impl : opts.reference;
    const wrap =
      behaviours === undefined
        ? (n: NodeUnderTest) => n
        : (n: NodeUnderTest) =>
            new ByzantineNode(n, behaviours, {
              keys,
              crypto: opts.crypto,
              treaty: pop.treaty,
              coordinator,
              rng: rngStream(seed, `byzantine/${i}`),
              outsider: outsiderKeys(opts.crypto, i),
            });
    addNode(keys, 'founder', impl, behaviours === undefined, wrap);
  });
  const applicants = pop.applicants.map((keys) => (addNode(keys, 'applicant', opts.reference, true, (n) => n), nodes.length - 1));
  const requesters = pop.requesters.map((keys) => (addNode(keys, 'requester', opts.reference, true, (n) => n), nodes.length - 1));

  const network = new NetworkModel(scenario.network, nodes.length, rngStream(seed, 'network'));
  const served: { server: number; requester: Hex; requestId: Hex; atUs: number }[] = [];
  const implHeads: Record<string, { height: number; hash: Hex }> = {};
  const crashedEver = new Set<number>();

  // What a committed effect needs of its node, by index: one byte (implementation, honest) and the
  // key, rather than the node's record and three arrays (10,000 members report every block).
  const labels = [...impls.keys()];
  const implStats = labels.map((l) => (impls.get(l) as { stats: ImplStats }).stats);
  const flagsOf = Uint8Array.from(nodes, (n) => (labels.indexOf(n.impl) << 1) | (n.honest ? 1 : 0));
  const keyOf = nodes.map((n) => n.key);
  const presign = opts.presign;
  /** Hands the votes every member will sign on a request to the sign-ahead pool, once per request. */
  const presignVotes = (requestId: Hex, kind: RequestKind, early: boolean): void => {
    if (presign === undefined || forecast.has(requestId)) return;
    forecast.add(requestId);
    for (const v of forecastVotes(requestId, kind, auditor.members, voters, pop.treaty.allianceId)) presign(v.secretKey, v.payload, early);
  };
  const onEffect = (i: number, e: Effect, nowUs: number): void => {
    if (e.type === 'committed') {
      const flags = flagsOf[i] as number;
      (implStats[flags >> 1] as ImplStats).commits += 1;
      if ((flags & 1) === 1) {
        auditor.onCommitted(e.height, e.hash, e.block, keyOf[i] as Hex, Math.floor(nowUs / 1000));
        const label = labels[flags >> 1] as string;
        const head = implHeads[label];
        if (head === undefined || e.height > head.height) implHeads[label] = { height: e.height, hash: e.hash };
      }
      return; // the request tracker has nothing to do with commits (10,000 members × every block)
    }
    const n = nodes[i] as SimNode;
    if (e.type === 'requestSubmitted' && e.requestKind !== 'MEMBER_SHARE') {
      presignVotes(e.requestId, e.requestKind, false);
    } else if (e.type === 'served' && n.honest) {
      served.push({ server: n.index, requester: e.requester, requestId: e.requestId, atUs: nowUs });
    }
    requests.onEffect(n.index, e, nowUs);
  };
  const engine = new Engine(nodes, network, scenario.costModel, {
    onEffect,
    ...(presign === undefined
      ? {}
      : {
          onProposal(_from: number, p: Proposal) {
            // Validators as of the audited head, which is the proposal's parent when the run keeps up.
            if (p.height !== auditor.height + 1 || typeof p.round !== 'number' || typeof p.block !== 'object' || p.block === null) return;
            const validators = auditor.members.slice(0, pop.treaty.validatorsMax);
            for (const v of forecastConsensusVotes(p.height, p.round, blockHashOf(p.block, opts.crypto), validators, voters, pop.treaty.allianceId)) presign(v.secretKey, v.payload, false);
          },
        }),
    onError(n: SimNode, error: NodeError, _input: Input) {
      const errors = (impls.get(n.impl) as { stats: ImplStats }).stats.errors;
      errors[error.code] = (errors[error.code] ?? 0) + 1;
    },
    onThrow(n: SimNode, error: unknown, input: Input, nowUs: number) {
      (impls.get(n.impl) as { stats: ImplStats }).stats.threw += 1;
      if (n.honest) {
        const what = input.type === 'message' ? input.message.type : input.type;
        log.add({ kind: 'node-threw', message: `handle(${what}) threw: ${error instanceof Error ? error.message : String(error)}`, atMs: Math.floor(nowUs / 1000), node: n.key });
      }
    },
  });

  const founderIdx = pop.founders.map((_, i) => i);
  for (const i of founderIdx) engine.command(0, i, { type: 'start' });
  const { targets, issued } = scheduleWorkload({
    engine,
    scenario,
    seed,
    ...(presign === undefined
      ? {}
      : {
          preview(node: number, command: Command, atUs: number) {
            // Seconds before the command: its request's votes go to the pool's forecast lane.
            const n = nodes[node] as SimNode;
            const v = voters.get(n.key);
            if (v === undefined) return;
            const p = forecastRequest({ keys: v.keys, member: n.role === 'founder', skewUs: n.skewUs }, command, atUs, pop.treaty.allianceId, opts.crypto);
            if (p !== null) presignVotes(p.requestId, p.kind, true);
          },
        }),
    founders: founderIdx,
    founderKeys: pop.founders.map((k) => k.publicKey),
    applicants,
    requesters,
  });
  const healedUs = scheduleFaults(engine, network, scenario, rngStream(seed, 'faults'), F, new Set(byzantineOf.keys()), crashedEver);

  const endUs = scenario.durationMs * 1000;
  let stopped = false;
  const step = (maxEvents: number): boolean => {
    const state = engine.run(
      endUs,
      () => {
        for (const s of impls.values()) s.caches.trim();
        if (opts.shouldStop?.() === true) stopped = true;
        return stopped;
      },
      maxEvents,
    );
    if (state === 'paused' && opts.shouldStop?.() === true) stopped = true;
    return state !== 'paused' || stopped;
  };
  const finish = (): SimOutcome => {
    const virtualEndUs = stopped ? engine.nowUs : endUs;

    // Every served access must be on the chain: member shares in an ACCESS_LOG, S6 shares as a
    // DATA_OPERATION; the last `boundMs` of the run is grace for the log interval and commit.
    // A stalled chain cannot record anything (liveness reports the stall), so an access must be
    // on the chain only once RECORD_BLOCKS blocks were committed after its log interval passed.
    const logMs = pop.treaty.accessLogIntervalMs;
    for (const s of served) {
      if (crashedEver.has(s.server) || auditor.blocksCommittedAfter(Math.floor(s.atUs / 1000) + 2 * logMs) < RECORD_BLOCKS) continue;
      const server = (nodes[s.server] as SimNode).key;
      const recorded = auditor.isMember(s.requester) ? auditor.loggedAccess.has(`${server}/${s.requestId}`) || auditor.dataOperations.has(s.requestId) : auditor.dataOperations.has(s.requestId);
      if (!recorded) log.add({ kind: 'access-unrecorded', message: `access ${s.requestId.slice(0, 12)} served by ${server.slice(0, 12)} is in no committed block`, atMs: Math.floor(s.atUs / 1000), node: server });
    }
    const excluded = (i: number): boolean => crashedEver.has(i) || !(nodes[i] as SimNode).honest;
    for (const late of requests.finish(virtualEndUs, healedUs, scenario.liveness.boundMs * 1000, excluded)) {
      if (stopped) break;
      log.add({ kind: 'liveness', message: `${late.cls} request ${late.id.slice(0, 12)} submitted at ${Math.floor(late.submittedUs / 1000)} ms not finished within ${scenario.liveness.boundMs} ms (faults healed at ${Math.floor(healedUs / 1000)} ms)`, atMs: Math.floor(virtualEndUs / 1000), node: (nodes[late.node] as SimNode).key });
    }

    for (const n of nodes) (impls.get(n.impl) as { stats: ImplStats }).stats.handled += engine.handledOf(n.index);
    const byImpl: Record<string, ImplStats> = {};
    for (const [label, s] of impls) byImpl[label] = s.stats;
    return {
      audit: auditor.summary(),
      engine: engine.stats,
      virtualEndMs: Math.floor(virtualEndUs / 1000),
      stopped,
      requests,
      targets,
      issued: { memberShares: issued.memberShares.n, nonMemberShares: issued.nonMemberShares.n, joins: issued.joins.n },
      violations: log,
      byImpl,
      implHeads,
      network: { sent: network.sent, dropped: network.dropped },
      nodes: { founders: F, applicants: applicants.length, requesters: requesters.length, byzantine: byzantineOf.size, implNodes: implSet.size },
    };
  };
  const progress = () => ({ virtualMs: Math.floor(engine.nowUs / 1000), events: engine.stats.events, height: auditor.height });
  return { step, finish, progress };
}
