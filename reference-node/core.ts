// The reference node's mutable state and injected environment, shared by the handler modules.
// Handlers validate first and return a NodeError before touching anything (SPEC ERR-002).

import type {
  AccessLogBatch,
  AccessRecord,
  CommitCertificate,
  CryptoBackend,
  Effect,
  Hex,
  KeyPair,
  Message,
  NodeConfig,
  NodeEnv,
  Outgoing,
  RequestKind,
  ShareRequest,
  SharingApi,
  Timer,
  TimerRequest,
  Treaty,
  Vote,
  VotePolicy,
} from '../contract/index.js';
import type { ChainState } from './chain-state.js';
import type { Consensus } from './consensus.js';
import type { Memo } from './memo.js';
import type { PendingPool } from './pending.js';
import type { SafetyRecord } from './safety.js';
import type { CommittedResult, Sealer } from './seal.js';
import type { Verifier } from './verify.js';

export interface MyVote {
  readonly vote: Vote;
  sentAtHeight: number;
}

export interface Outstanding {
  readonly kind: RequestKind | 'MEMBER_SHARE';
  readonly server: Hex | null;
  /** A member share request, resent until answered (SPEC SHARE-002). */
  readonly request?: ShareRequest;
}

export interface AccessLogState {
  unsent: AccessRecord[];
  inFlight: AccessLogBatch | null;
  timerArmed: boolean;
}

export interface Core {
  readonly config: NodeConfig;
  readonly env: NodeEnv;
  readonly treaty: Treaty;
  readonly keys: KeyPair;
  readonly crypto: CryptoBackend;
  readonly verifier: Verifier;
  readonly sealer: Sealer;
  /** The S2 sharing API requests are served through (SPEC SHARE-001, DATA-008). */
  readonly sharing: SharingApi;
  readonly votePolicy: { readonly join: VotePolicy; readonly share: VotePolicy };
  /** Memo tables, shared among honest nodes of this implementation when the env offers them. */
  readonly memo: () => Memo;
  state: ChainState;
  /** Certificate of the head block, as this node learned it; null at genesis. */
  headCert: CommitCertificate | null;
  consensus: Consensus;
  /** Shared read-only empty values until the node first writes one (idle.ts: ownPending, ...). */
  pending: PendingPool;
  /** Consensus messages for the next height, replayed when it starts. */
  buffered: { from: Hex; message: Message }[];
  myVotes: Map<Hex, MyVote>;
  access: AccessLogState;
  /** S5 requests served, by id, with their createdAtMs (replay window: shareRequestTtlMs). */
  readonly served: Map<Hex, number>;
  /** S6 requests this server forwarded to the validators and that are not yet committed. */
  readonly forwarded: Set<Hex>;
  /** Requests this node made and awaits an answer to. */
  readonly outstanding: Map<Hex, Outstanding>;
  catchUpInFlight: boolean;
  shareRetryArmed: boolean;
  started: boolean;
  /** Safety state persisted before a restart, read once at creation (SPEC CHAIN-011). */
  readonly resume: SafetyRecord | null;
  /** Identity of the lock last written to storage, so an unchanged lock is not rewritten. */
  savedLockId: string;
  /** This node's index in the last two validator lists asked about (they change rarely), in
   *  fields of the core rather than an array of records: one object to touch per block. */
  roleList0: readonly Hex[] | null;
  roleIndex0: number;
  roleList1: readonly Hex[] | null;
  roleIndex1: number;
}

/** Shared by every output that has none of a kind (most of the 10,000 members' inputs send nothing). */
const NONE: readonly never[] = Object.freeze([]);

/**
 * What one handle() call sends, arms and reports. It is the handle result's `output` itself, with
 * plain data fields (a copy into a fresh object per input was ~8 M allocations per region run);
 * each list stays the shared empty one until something is added.
 */
export class Out {
  send: readonly Outgoing[] = NONE;
  timers: readonly TimerRequest[] = NONE;
  effects: readonly Effect[] = NONE;
  /** Set while the output is exactly one block's commit effect: the node then returns that
   *  block's shared result (10,000 members × every block, each an Out, a result and an array). */
  onlyCommitted: CommittedResult | null = null;
  /** Whether `effects` is such a shared (frozen) list, to be copied before anything is added. */
  private effectsShared = false;

  // A first item makes an array of exactly one: `[]` then push reserves 17 slots, and ten thousand
  // members each report every block's commit (213 of 3,270 MB allocated on the region's first 30 s).
  to(to: readonly Hex[], message: Message): void {
    if (to.length === 0) return;
    this.onlyCommitted = null;
    if (this.send === NONE) this.send = [{ to, message }];
    else (this.send as Outgoing[]).push({ to, message });
  }
  timer(timer: Timer, atMs: number): void {
    this.onlyCommitted = null;
    if (this.timers === NONE) this.timers = [{ timer, atMs }];
    else (this.timers as TimerRequest[]).push({ timer, atMs });
  }
  effect(effect: Effect): void {
    this.onlyCommitted = null;
    if (this.effects === NONE) this.effects = [effect];
    else if (this.effectsShared) {
      this.effects = [...this.effects, effect];
      this.effectsShared = false;
    } else (this.effects as Effect[]).push(effect);
  }
  /** A block's commit effect, as the block's shared one-element list while nothing else is added. */
  committed(result: CommittedResult): void {
    if (this.send !== NONE || this.timers !== NONE || this.effects !== NONE) return this.effect(result.output.effects[0]);
    this.effects = result.output.effects;
    this.effectsShared = true;
    this.onlyCommitted = result;
  }
  /** Back to empty, for reuse by the next handle() call. */
  clear(): void {
    this.send = NONE;
    this.timers = NONE;
    this.effects = NONE;
    this.onlyCommitted = null;
    this.effectsShared = false;
  }
}

/** This node's index in `list` (−1 if absent); 10,000 members ask for every block. */
export function indexIn(core: Core, list: readonly Hex[]): number {
  if (core.roleList0 === list) return core.roleIndex0;
  if (core.roleList1 === list) return core.roleIndex1;
  const index = list.indexOf(core.keys.publicKey);
  core.roleList1 = core.roleList0;
  core.roleIndex1 = core.roleIndex0;
  core.roleList0 = list;
  core.roleIndex0 = index;
  return index;
}

export function isValidator(core: Core): boolean {
  return indexIn(core, core.state.validators) >= 0;
}

/**
 * Where a member submits its votes and access-log batches (SPEC JOIN-003, SHARE-003): F =
 * `submitProposers` round-0 proposers of coming heights, spread so that members fall in G = ⌊k/F⌋
 * groups and group g goes to the proposers of heights h+1+g+j·G (j < F). Each coming block's
 * proposer then holds a different group's votes, and no validator checks them all (10,000 votes
 * at ~0.1 ms each would keep the next proposer busy past its turn).
 */
export function submitTargets(core: Core): Hex[] {
  return submitTargetsOf(core.state.validators, core.state.height, core.state.memberIndex.get(core.keys.publicKey) ?? 0, core.treaty.submitProposers, core.keys.publicKey);
}

export function submitTargetsOf(validators: readonly Hex[], head: number, memberIndex: number, submitProposers: number, self: Hex): Hex[] {
  const k = validators.length;
  const f = Math.min(submitProposers, k);
  const groups = Math.floor(k / f);
  const g = memberIndex % groups;
  const chosen = new Set<number>();
  for (let j = 0; j < f; j++) chosen.add((head + 1 + g + j * groups) % k);
  // In validator order (the order of recipients carries no meaning; this one is stable).
  return validators.filter((v, i) => chosen.has(i) && v !== self);
}

/** The validators of the next height, without this node. */
export function otherValidators(core: Core): Hex[] {
  return core.state.validators.filter((v) => v !== core.keys.publicKey);
}
