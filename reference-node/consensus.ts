// Tendermint consensus for one height (SPEC CHAIN-005, CHAIN-006, CHAIN-010, CHAIN-011), after
// Buchman, Kwon, Milosevic 2018, Algorithm 1. Messages are validated before they are stored
// (on-consensus.ts); `progress` applies the upon-rules until none fires.

import type { CommitCertificate, ConsensusStep, Hex, Proposal } from '../contract/index.js';
import { makeConsensusVote, proposalPayload, toHex } from '../protocol/index.js';
import { proposerOf } from './block-validate.js';
import { buildBlock } from './block-build.js';
import type { Core, Out } from './core.js';
import { commitQuorum, faultTolerance } from './decisions.js';
import { saveSafety } from './safety.js';
import type { Sealed } from './seal.js';

export type Step = 'wait' | 'propose' | 'prevote' | 'precommit';

export interface StoredVote {
  readonly blockHash: Hex | null;
  readonly signature: Hex;
}

export class Consensus {
  round = 0;
  step: Step = 'wait';
  lockedRound = -1;
  lockedBlock: Sealed | null = null;
  validRound = -1;
  validBlock: Sealed | null = null;
  /** Lowest round this node may start (after a restart it skips rounds it may have signed in). */
  minRound = 0;
  readonly proposals = new Map<number, { proposal: Proposal; sealed: Sealed }>();
  readonly blocks = new Map<Hex, Sealed>();
  readonly votes: Record<ConsensusStep, Map<number, Map<Hex, StoredVote>>> = { PREVOTE: new Map(), PRECOMMIT: new Map() };
  /** Votes per step and round by block hash (null: nil), kept with `votes`: progress asks for
   *  these counts on every consensus message, and counting 32 votes each time cost more. */
  readonly tallies: Record<ConsensusStep, Map<number, Map<Hex | null, number>>> = { PREVOTE: new Map(), PRECOMMIT: new Map() };
  readonly senders = new Map<number, Set<Hex>>();
  /** Step timers armed, as `prevote:round` / `precommit:round`. */
  readonly fired = new Set<string>();
  /** Rounds in which the prevote quorum for the proposal was acted on (lock or valid value). */
  readonly lockRounds = new Set<number>();
  readonly quorum: number;
  readonly skip: number;
  readonly selfIndex: number;

  constructor(
    readonly height: number,
    readonly validators: readonly Hex[],
    self: Hex,
  ) {
    this.quorum = commitQuorum(validators.length);
    this.skip = faultTolerance(validators.length) + 1;
    this.selfIndex = validators.indexOf(self);
  }

  get active(): boolean {
    return this.selfIndex >= 0;
  }

  votesOf(step: ConsensusStep, round: number): Map<Hex, StoredVote> {
    let m = this.votes[step].get(round);
    if (!m) {
      m = new Map();
      this.votes[step].set(round, m);
    }
    return m;
  }

  noteSender(round: number, validator: Hex): void {
    let s = this.senders.get(round);
    if (!s) {
      s = new Set();
      this.senders.set(round, s);
    }
    s.add(validator);
  }

  /** Stores `validator`'s vote of `step` in `round`; a second one (callers refuse it as a replay
   *  or equivocation) would replace the first, and the counts follow. */
  addVote(step: ConsensusStep, round: number, validator: Hex, vote: StoredVote): void {
    const m = this.votesOf(step, round);
    let t = this.tallies[step].get(round);
    if (t === undefined) this.tallies[step].set(round, (t = new Map()));
    const old = m.get(validator);
    if (old !== undefined) t.set(old.blockHash, (t.get(old.blockHash) ?? 1) - 1);
    m.set(validator, vote);
    t.set(vote.blockHash, (t.get(vote.blockHash) ?? 0) + 1);
  }

  count(step: ConsensusStep, round: number, hash: Hex | null | undefined): number {
    if (hash === undefined) return this.votes[step].get(round)?.size ?? 0;
    return this.tallies[step].get(round)?.get(hash) ?? 0;
  }

  /** ⌊2k/3⌋+1 precommits for `hash` in `round`, the first in validator order (SPEC CHAIN-007). */
  certificate(round: number, hash: Hex): CommitCertificate {
    const m = this.votes.PRECOMMIT.get(round) ?? new Map<Hex, StoredVote>();
    const precommits = this.validators
      .filter((v) => m.get(v)?.blockHash === hash)
      .slice(0, this.quorum)
      .map((v) => ({ validator: v, signature: m.get(v)?.signature ?? '' }));
    return { height: this.height, round, blockHash: hash, precommits };
  }
}

export interface ConsensusHooks {
  commit(core: Core, sealed: Sealed, cert: CommitCertificate, nowMs: number, out: Out): void;
}

/**
 * Arms the step's timeout on entering it. Algorithm 1 arms it only after 2f+1 votes of the step,
 * relying on gossip to deliver every vote eventually; without gossip a lost vote would stall the
 * round forever. A nil precommit and a round change are always safe, so arming early is too.
 */
function armStepTimer(core: Core, c: Consensus, step: ConsensusStep, nowMs: number, out: Out): void {
  const t = core.treaty;
  const key = `${step === 'PREVOTE' ? 'prevote' : 'precommit'}:${c.round}`;
  if (c.fired.has(key)) return;
  c.fired.add(key);
  const base = step === 'PREVOTE' ? t.prevoteTimeoutMs : t.precommitTimeoutMs;
  out.timer({ kind: step === 'PREVOTE' ? 'prevote' : 'precommit', height: c.height, round: c.round }, nowMs + base + c.round * t.timeoutDeltaMs);
}

function sign(core: Core, c: Consensus, step: ConsensusStep, hash: Hex | null, out: Out, nowMs: number): void {
  armStepTimer(core, c, step, nowMs, out);
  const vote = makeConsensusVote(core.crypto, core.keys, core.treaty.allianceId, step, c.height, c.round, hash);
  c.addVote(step, c.round, core.keys.publicKey, { blockHash: hash, signature: vote.signature });
  c.noteSender(c.round, core.keys.publicKey);
  saveSafety(core, c);
  out.to(c.validators.filter((v) => v !== core.keys.publicKey), { type: step, vote });
}

/**
 * A re-proposal (polRound ≥ 0) travels with the prevote quorum that justifies it. Algorithm 1
 * assumes gossip eventually delivers those prevotes; with lossy links and no gossip, a validator
 * that missed them would prevote nil on the locked value forever (SPEC CHAIN-005).
 */
function sendPolPrevotes(c: Consensus, hash: Hex, to: readonly Hex[], out: Out): void {
  const round = c.validRound;
  for (const [validator, v] of c.votes.PREVOTE.get(round) ?? []) {
    if (v.blockHash !== hash) continue;
    out.to(to, { type: 'PREVOTE', vote: { height: c.height, round, blockHash: hash, validator, signature: v.signature } });
  }
}

export function startRound(core: Core, c: Consensus, round: number, nowMs: number, out: Out): void {
  const t = core.treaty;
  c.round = round;
  c.step = 'propose';
  const proposer = proposerOf(c.validators, c.height, round);
  if (proposer === core.keys.publicKey) {
    const sealed =
      c.validBlock ??
      core.sealer.seal(
        buildBlock(
          {
            state: core.state,
            pending: core.pending.inOrder(),
            nowMs,
            round,
            proposer,
            lastCommit: core.state.height >= core.state.genesisCount ? core.headCert : null,
          },
          core.crypto,
          core.verifier,
          core.sealer,
        ),
      );
    const body = { height: c.height, round, polRound: c.validRound, proposer };
    const signature = toHex(core.crypto.sign(core.keys.secretKey, proposalPayload(t.allianceId, body, sealed.hash)));
    const proposal: Proposal = { height: body.height, round, polRound: body.polRound, proposer, block: sealed.block, signature };
    c.proposals.set(round, { proposal, sealed });
    c.blocks.set(sealed.hash, sealed);
    c.noteSender(round, proposer);
    const others = c.validators.filter((v) => v !== proposer);
    out.to(others, { type: 'PROPOSAL', proposal });
    if (c.validRound >= 0) sendPolPrevotes(c, sealed.hash, others, out);
  } else {
    out.timer({ kind: 'propose', height: c.height, round }, nowMs + t.proposeTimeoutMs + round * t.timeoutDeltaMs);
  }
  saveSafety(core, c);
}

/** Applies Algorithm 1's upon-rules until none fires. */
export function progress(core: Core, c: Consensus, hooks: ConsensusHooks, nowMs: number, out: Out): void {
  for (let guard = 0; guard < 1_000; guard++) {
    // Commit: a quorum of precommits for a block we hold, in any round.
    for (const [round, m] of c.votes.PRECOMMIT) {
      if (m.size < c.quorum) continue;
      for (const [hash, sealed] of c.blocks) {
        if (c.count('PRECOMMIT', round, hash) >= c.quorum) {
          hooks.commit(core, sealed, c.certificate(round, hash), nowMs, out);
          return;
        }
      }
    }
    if (c.step === 'wait') return;
    // Round skip: f+1 validators already in a later round.
    let skipTo = -1;
    for (const [round, s] of c.senders) if (round > c.round && s.size >= c.skip && round > skipTo) skipTo = round;
    if (skipTo > c.round) {
      startRound(core, c, skipTo, nowMs, out);
      continue;
    }
    const p = c.proposals.get(c.round);
    if (c.step === 'propose' && p) {
      const hash = p.sealed.hash;
      const pol = p.proposal.polRound;
      if (pol === -1) {
        sign(core, c, 'PREVOTE', c.lockedRound === -1 || c.lockedBlock?.hash === hash ? hash : null, out, nowMs);
        c.step = 'prevote';
        continue;
      }
      if (pol < c.round && c.count('PREVOTE', pol, hash) >= c.quorum) {
        sign(core, c, 'PREVOTE', c.lockedRound <= pol || c.lockedBlock?.hash === hash ? hash : null, out, nowMs);
        c.step = 'prevote';
        continue;
      }
    }
    if (c.step === 'prevote' || c.step === 'precommit') {
      if (p && !c.lockRounds.has(c.round) && c.count('PREVOTE', c.round, p.sealed.hash) >= c.quorum) {
        c.lockRounds.add(c.round);
        c.validRound = c.round;
        c.validBlock = p.sealed;
        if (c.step === 'prevote') {
          c.lockedRound = c.round;
          c.lockedBlock = p.sealed;
          sign(core, c, 'PRECOMMIT', p.sealed.hash, out, nowMs);
          c.step = 'precommit';
          continue;
        }
      }
    }
    if (c.step === 'prevote') {
      if (c.count('PREVOTE', c.round, null) >= c.quorum) {
        sign(core, c, 'PRECOMMIT', null, out, nowMs);
        c.step = 'precommit';
        continue;
      }
    }
    return;
  }
  throw new Error('consensus progress did not settle'); // an invariant, not an input error
}

/** Timeouts (Algorithm 1, OnTimeoutPropose/Prevote/Precommit) and the wait between heights. */
export function onTimeout(core: Core, c: Consensus, kind: string, round: number, hooks: ConsensusHooks, nowMs: number, out: Out): void {
  if (kind === 'commitWait') {
    if (c.step === 'wait' && c.active && core.started) startRound(core, c, c.minRound, nowMs, out);
  } else if (round === c.round) {
    if (kind === 'propose' && c.step === 'propose') {
      sign(core, c, 'PREVOTE', null, out, nowMs);
      c.step = 'prevote';
    } else if (kind === 'prevote' && c.step === 'prevote') {
      sign(core, c, 'PRECOMMIT', null, out, nowMs);
      c.step = 'precommit';
    } else if (kind === 'precommit' && c.step !== 'wait') {
      startRound(core, c, round + 1, nowMs, out);
    }
  }
  progress(core, c, hooks, nowMs, out);
}
