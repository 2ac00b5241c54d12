// Chain auditor: re-derives membership, validator sets and every tally from the blocks honest
// nodes commit, independently of any node's internals, and records each broken rule. Blocks are
// kept once, content-addressed (the shared store of design §3).

import type { Block, CryptoBackend, Entry, Hex, RequestKind, Treaty } from '../../contract/index.js';
import { blockHashOf } from './block-text.js';
import { allowedBy, settled } from './rules.js';
import type { Violation, ViolationLog } from './violations.js';

interface OpenRequest {
  readonly kind: RequestKind;
  readonly height: number;
  readonly eligible: number;
  readonly voters: Set<Hex>;
  allows: number;
  settledAt: number;
  readonly membersAtRequest: number;
}

export interface AuditSummary {
  readonly height: number;
  readonly headHash: Hex;
  readonly consensusBlocks: number;
  readonly entries: number;
  /** allMember: every member at the request's height was eligible; everyVoteCounted: and each
   *  one's vote is on the chain (rarer: a decision settles once the outcome cannot change). */
  readonly decisions: { readonly join: number; readonly share: number; readonly allMember: number; readonly everyVoteCounted: number };
  readonly members: number;
  /** Chain height and consensus entries over virtual time (first honest commit of each height),
   *  thinned to at most TIMELINE_POINTS_MAX points. */
  readonly timeline: readonly { readonly atMs: number; readonly height: number; readonly entries: number }[];
}

const TIMELINE_POINTS_MAX = 1_000;

export class ChainAuditor {
  readonly hashes: Hex[] = [];
  readonly blocks = new Map<Hex, Block>();
  readonly members: Hex[] = [];
  private readonly memberIndex = new Map<Hex, number>();
  private readonly open = new Map<Hex, OpenRequest>();
  private readonly pending = new Map<number, { hash: Hex; block: Block }>();
  /** (server, requestId) pairs in ACCESS_LOG entries, and DATA_OPERATION request ids. */
  readonly loggedAccess = new Set<string>();
  readonly dataOperations = new Set<Hex>();
  /** Virtual ms at which each consensus height was first committed by an honest node. */
  readonly commitTimesMs: number[] = [];
  private readonly founders: number;
  private entries = 0;
  private consensusEntries = 0;
  private readonly timeline: { atMs: number; height: number; entries: number }[] = [];
  private joins = 0;
  private shares = 0;
  private allMember = 0;
  private everyVoteCounted = 0;
  private lastTimestampMs = -Infinity;

  constructor(
    private readonly treaty: Treaty,
    private readonly crypto: CryptoBackend,
    private readonly log: ViolationLog,
  ) {
    const sorted = [...treaty.founders].sort((a, b) =>
      a.declaredAtMs !== b.declaredAtMs ? a.declaredAtMs - b.declaredAtMs : a.publicKey < b.publicKey ? -1 : a.publicKey > b.publicKey ? 1 : 0,
    );
    for (const f of sorted) this.addMember(f.publicKey);
    this.founders = sorted.length;
    // Genesis heights are derived from the treaty by every node; the consensus chain is audited
    // from height F on, whether or not a node reports its genesis blocks as committed.
    this.hashes.length = this.founders;
  }

  get height(): number {
    return this.hashes.length - 1;
  }

  isMember(key: Hex): boolean {
    return this.memberIndex.has(key);
  }

  private addMember(key: Hex): void {
    if (this.memberIndex.has(key)) return;
    this.memberIndex.set(key, this.members.length);
    this.members.push(key);
  }

  private flag(v: Omit<Violation, 'atMs'>, atMs: number): void {
    this.log.add({ ...v, atMs });
  }

  /** An honest node committed `block` at `height` with `hash`. */
  onCommitted(height: number, hash: Hex, block: Block, node: Hex, atMs: number): void {
    const known = this.hashes[height];
    if (height < this.founders) {
      if (known === undefined) {
        this.hashes[height] = hash;
        this.blocks.set(hash, block);
        this.entries += block.entries.length;
      } else if (known !== hash) {
        this.flag({ kind: 'agreement', message: `genesis height ${height}: two different blocks`, height, node }, atMs);
      }
      return;
    }
    if (known !== undefined) {
      if (known !== hash) this.flag({ kind: 'agreement', message: `height ${height}: ${hash.slice(0, 12)} committed but ${known.slice(0, 12)} was committed first`, height, node }, atMs);
      return;
    }
    const queued = this.pending.get(height);
    if (queued !== undefined) {
      if (queued.hash !== hash) this.flag({ kind: 'agreement', message: `height ${height}: two different blocks committed`, height, node }, atMs);
      return;
    }
    this.pending.set(height, { hash, block });
    for (let h = this.hashes.length; ; h++) {
      const next = this.pending.get(h);
      if (next === undefined) break;
      this.pending.delete(h);
      this.accept(h, next.hash, next.block, atMs);
    }
  }

  private accept(height: number, hash: Hex, block: Block, atMs: number): void {
    if (blockHashOf(block, this.crypto) !== hash) this.flag({ kind: 'block-hash', message: `height ${height}: hash does not match the block`, height }, atMs);
    const parent = this.hashes[height - 1];
    if (height > 0 && parent !== undefined && block.prevHash !== parent) {
      this.flag({ kind: 'prev-hash', message: `height ${height}: prevHash ${block.prevHash.slice(0, 12)} ≠ ${parent.slice(0, 12)}`, height }, atMs);
    }
    this.hashes[height] = hash;
    this.blocks.set(hash, block);
    this.commitTimesMs.push(atMs);
    this.consensusEntries += block.entries.length;
    this.timeline.push({ atMs, height, entries: this.consensusEntries });
    this.auditConsensusBlock(height, block, atMs);
  }

  private validatorsNow(): readonly Hex[] {
    return this.members.slice(0, Math.min(this.treaty.validatorsMax, this.members.length));
  }

  private auditConsensusBlock(height: number, block: Block, atMs: number): void {
    const validators = this.validatorsNow();
    const k = validators.length;
    if (block.proposer !== validators[(height + block.round) % k]) {
      this.flag({ kind: 'proposer', message: `height ${height} round ${block.round}: proposer is not validators[(h+r) mod k]`, height }, atMs);
    }
    if (block.timestampMs < this.lastTimestampMs + 1) {
      this.flag({ kind: 'timestamp', message: `height ${height}: timestamp not after parent`, height }, atMs);
    }
    this.lastTimestampMs = block.timestampMs;
    const cert = block.lastCommit;
    if (cert !== null && height > this.founders) this.auditCertificate(height, cert, atMs);
    const eligibleNow = this.members.length;
    const decidedHere = new Set<Hex>();
    for (const e of block.entries) {
      this.entries += 1;
      this.auditEntry(height, e, eligibleNow, decidedHere, atMs);
    }
    // A request past its window (or settled in an earlier block) must be decided by now.
    const W = this.treaty.voteWindowBlocks;
    for (const [id, r] of this.open) {
      const due = Math.min(r.height + W + 1, r.settledAt >= 0 ? r.settledAt + 1 : Infinity);
      if (height >= due) {
        this.flag({ kind: 'decision-missing', message: `request ${id.slice(0, 12)} (h${r.height}) was due at h${due}`, height }, atMs);
        this.open.delete(id);
      }
    }
  }

  private auditCertificate(height: number, cert: NonNullable<Block['lastCommit']>, atMs: number): void {
    // The parent's validator set: membership changes in the parent take effect only after it.
    const parent = this.blocks.get(this.hashes[height - 1] ?? '');
    let joinsInParent = 0;
    for (const e of parent?.entries ?? []) if (e.kind === 'JOIN') joinsInParent += 1;
    const n = this.members.length - joinsInParent;
    const validators = new Set(this.members.slice(0, Math.min(this.treaty.validatorsMax, n)));
    const quorum = Math.floor((2 * validators.size) / 3) + 1;
    const seen = new Set<Hex>();
    for (const p of cert.precommits) {
      if (!validators.has(p.validator) || seen.has(p.validator)) {
        this.flag({ kind: 'certificate', message: `height ${height - 1}: precommit from ${p.validator.slice(0, 12)} is not a distinct validator`, height }, atMs);
      }
      seen.add(p.validator);
    }
    if (cert.height !== height - 1 || cert.blockHash !== this.hashes[height - 1] || seen.size < quorum) {
      this.flag({ kind: 'certificate', message: `height ${height - 1}: certificate lacks a quorum of ${quorum} for the committed block`, height }, atMs);
    }
  }

  private auditEntry(height: number, e: Entry, eligibleNow: number, decidedHere: Set<Hex>, atMs: number): void {
    const rule = this.treaty.joinRule;
    switch (e.kind) {
      case 'JOIN_REQUEST':
      case 'SHARE_REQUEST':
        this.open.set(e.requestId, { kind: e.kind, height, eligible: eligibleNow, voters: new Set(), allows: 0, settledAt: -1, membersAtRequest: this.members.length });
        return;
      case 'VOTE': {
        const v = e.vote;
        const r = this.open.get(v.requestId);
        if (r === undefined) {
          this.flag({ kind: 'decision-unknown', message: `height ${height}: vote for unknown or closed request ${v.requestId.slice(0, 12)}`, height }, atMs);
          return;
        }
        const idx = this.memberIndex.get(v.voter);
        if (idx === undefined || idx >= r.eligible) {
          this.flag({ kind: 'non-member-vote', message: `height ${height}: vote by ${v.voter.slice(0, 12)}, not eligible for request at h${r.height}`, height }, atMs);
          return;
        }
        if (r.voters.has(v.voter)) {
          this.flag({ kind: 'double-vote', message: `height ${height}: second vote by ${v.voter.slice(0, 12)}`, height }, atMs);
          return;
        }
        if (height <= r.height || height > r.height + this.treaty.voteWindowBlocks) {
          this.flag({ kind: 'vote-out-of-window', message: `height ${height}: vote outside h${r.height + 1}..h${r.height + this.treaty.voteWindowBlocks}`, height }, atMs);
        }
        r.voters.add(v.voter);
        if (v.allow) r.allows += 1;
        if (r.settledAt < 0 && settled(r.kind, rule, r.allows, r.voters.size, r.eligible)) r.settledAt = height;
        return;
      }
      case 'JOIN':
      case 'REJECTION':
      case 'DATA_OPERATION': {
        const r = this.open.get(e.requestId);
        if (r === undefined) {
          this.flag({ kind: 'decision-unknown', message: `height ${height}: decision for unknown or closed request ${e.requestId.slice(0, 12)}`, height }, atMs);
          return;
        }
        this.open.delete(e.requestId);
        decidedHere.add(e.requestId);
        if (e.allows !== r.allows || e.eligible !== r.eligible) {
          this.flag({ kind: 'decision-tally', message: `height ${height}: ${e.kind} says ${e.allows}/${e.eligible}, chain says ${r.allows}/${r.eligible}`, height }, atMs);
        }
        const allowed = allowedBy(r.kind, rule, r.allows, r.eligible);
        const says = e.kind !== 'REJECTION';
        const kindFits = e.kind === 'REJECTION' || (r.kind === 'JOIN_REQUEST' ? e.kind === 'JOIN' : e.kind === 'DATA_OPERATION');
        if (allowed !== says || !kindFits) {
          this.flag({ kind: 'decision-rule', message: `height ${height}: ${e.kind} for ${r.kind} with ${r.allows}/${r.eligible} allows`, height }, atMs);
        }
        if (r.kind === 'JOIN_REQUEST') this.joins += 1;
        else this.shares += 1;
        if (r.eligible === r.membersAtRequest) this.allMember += 1;
        if (r.voters.size === r.eligible) this.everyVoteCounted += 1;
        if (e.kind === 'JOIN') this.addMember(e.identity.publicKey);
        if (e.kind === 'DATA_OPERATION') this.dataOperations.add(e.requestId);
        return;
      }
      case 'ACCESS_LOG':
        for (const rec of e.batch.records) this.loggedAccess.add(`${e.batch.server}/${rec.requestId}`);
        return;
      case 'IDENTITY':
        return;
    }
  }

  /** Consensus blocks first committed after `ms`. */
  blocksCommittedAfter(ms: number): number {
    const t = this.commitTimesMs;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t[mid] as number) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return t.length - lo;
  }

  summary(): AuditSummary {
    return {
      height: this.height,
      headHash: this.hashes[this.height] ?? '',
      consensusBlocks: Math.max(0, this.hashes.length - this.founders),
      entries: this.entries,
      decisions: { join: this.joins, share: this.shares, allMember: this.allMember, everyVoteCounted: this.everyVoteCounted },
      members: this.members.length,
      timeline: thin(this.timeline, TIMELINE_POINTS_MAX),
    };
  }
}

/** Every n-th point and the last, so a long run's timeline stays a chart's worth of points. */
function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const stride = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % stride === 0);
  const last = points[points.length - 1];
  if (last !== undefined && out[out.length - 1] !== last) out.push(last);
  return out;
}
