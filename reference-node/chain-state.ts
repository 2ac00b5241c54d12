// Derived chain state: a pure function of the committed blocks (SPEC CHAIN-002, MEMB-003).
// States are immutable, so nodes at the same head share one state object. The chain and member
// lists share structure (immutable.js Lists); the keyed tables are native Maps and Sets, copied
// only when a block changes them (lookups by 64-hex-digit keys are the hot path: 10,000 members
// each ask several per block, and immutable.js rehashes such strings on every lookup).

import { List } from 'immutable';
import type {
  Block,
  Entry,
  Hex,
  Identity,
  JoinRequest,
  RequestKind,
  ShareRequest,
  Treaty,
} from '../contract/index.js';
import { allowThreshold, settle, type Outcome } from './decisions.js';

export interface OpenRequest {
  readonly requestId: Hex;
  readonly requestKind: RequestKind;
  /** Height of the block that committed the request. */
  readonly height: number;
  /** Members as of the start of that block; exactly they may vote (SPEC JOIN-002). */
  readonly eligible: number;
  readonly threshold: number;
  readonly allows: number;
  readonly rejects: number;
  readonly voters: ReadonlyMap<Hex, boolean>;
  readonly join: JoinRequest | null;
  readonly share: ShareRequest | null;
  /** Set in the block that settles the outcome; the next block must carry the decision. */
  readonly settled: Outcome | null;
}

export interface ChainState {
  readonly treaty: Treaty;
  /** Number of genesis blocks (founders). */
  readonly genesisCount: number;
  readonly height: number;
  readonly hash: Hex;
  readonly timestampMs: number;
  readonly blocks: List<Block>;
  readonly hashes: List<Hex>;
  readonly members: List<Hex>;
  readonly memberIndex: ReadonlyMap<Hex, number>;
  readonly identities: ReadonlyMap<Hex, Identity>;
  /** Validators that committed the head block (signers of its certificate); empty at genesis. */
  readonly headValidators: readonly Hex[];
  /** Validators for the next height: the first validatorsMax members (SPEC CHAIN-004). */
  readonly validators: readonly Hex[];
  readonly open: ReadonlyMap<Hex, OpenRequest>;
  /** Every request id ever committed: replay protection (SPEC ERR-005). */
  readonly seenRequests: ReadonlySet<Hex>;
  /** Applicants with an open join request. */
  readonly applicants: ReadonlySet<Hex>;
  /** Last committed access-log sequence number per server. */
  readonly accessSeq: ReadonlyMap<Hex, number>;
  /** The head block's entries other than votes and access logs: what every node reacts to. */
  readonly notable: readonly Entry[];
}

/**
 * A request with a new tally or outcome, as one literal: `{ ...req, … }` gave each copy a map
 * (hidden class) of its own once V8's clone cache went generic, and every node that reads a
 * request's fields then missed its inline caches (the same happened to 67,000 votes).
 */
function openRequest(req: OpenRequest, allows: number, rejects: number, voters: ReadonlyMap<Hex, boolean>, settled: Outcome | null): OpenRequest {
  return {
    requestId: req.requestId,
    requestKind: req.requestKind,
    height: req.height,
    eligible: req.eligible,
    threshold: req.threshold,
    allows,
    rejects,
    voters,
    join: req.join,
    share: req.share,
    settled,
  };
}

export function isMember(state: ChainState, key: Hex): boolean {
  return state.memberIndex.has(key);
}

function firstValidators(members: List<Hex>, validatorsMax: number): readonly Hex[] {
  return members.slice(0, validatorsMax).toArray();
}

/** The state after the genesis blocks: members are the founders in genesis order. */
export function genesisState(treaty: Treaty, blocks: readonly Block[], hashes: readonly Hex[]): ChainState {
  const identities = blocks.map((b) => {
    const e = b.entries[0];
    if (e?.kind !== 'IDENTITY') throw new Error('genesis block without IDENTITY entry');
    return e.identity;
  });
  const members = List(identities.map((i) => i.publicKey));
  const last = blocks[blocks.length - 1];
  if (!last) throw new Error('treaty has no founders');
  return {
    treaty,
    genesisCount: blocks.length,
    height: last.height,
    hash: hashes[hashes.length - 1] ?? '',
    timestampMs: last.timestampMs,
    blocks: List(blocks),
    hashes: List(hashes),
    members,
    memberIndex: new Map(identities.map((i, idx) => [i.publicKey, idx] as const)),
    identities: new Map(identities.map((i) => [i.publicKey, i] as const)),
    headValidators: [],
    validators: firstValidators(members, treaty.validatorsMax),
    open: new Map(),
    seenRequests: new Set(),
    applicants: new Set(),
    accessSeq: new Map(),
    notable: [],
  };
}

/** A table copied on its first change in a block, so the parent state's stays intact. */
class CopyOnWrite<T extends Map<unknown, unknown> | Set<unknown>> {
  private copied = false;
  constructor(
    private value: T,
    private readonly copy: (v: T) => T,
  ) {}
  get read(): T {
    return this.value;
  }
  get write(): T {
    if (!this.copied) {
      this.value = this.copy(this.value);
      this.copied = true;
    }
    return this.value;
  }
}
const mapCow = <K, V>(m: ReadonlyMap<K, V>) => new CopyOnWrite(m as Map<K, V>, (v) => new Map(v));
const setCow = <K>(m: ReadonlySet<K>) => new CopyOnWrite(m as Set<K>, (v) => new Set(v));

/**
 * Applies a block that has already been validated against `state` (block-validate.ts).
 * Pure: returns a new state and leaves `state` untouched.
 */
export function applyBlock(state: ChainState, block: Block, hash: Hex): ChainState {
  const eligibleAtStart = state.members.size;
  const treaty = state.treaty;
  let members = state.members;
  const memberIndex = mapCow(state.memberIndex);
  const identities = mapCow(state.identities);
  const open = mapCow(state.open);
  const seen = setCow(state.seenRequests);
  const applicants = setCow(state.applicants);
  const accessSeq = mapCow(state.accessSeq);
  /** Requests that got votes in this block: their voter tables, copied once per block. */
  const tallies = new Map<Hex, { voters: Map<Hex, boolean>; allows: number; rejects: number }>();

  for (const entry of block.entries) {
    switch (entry.kind) {
      case 'JOIN': {
        const key = entry.identity.publicKey;
        memberIndex.write.set(key, members.size);
        members = members.push(key);
        identities.write.set(key, entry.identity);
        applicants.write.delete(key);
        open.write.delete(entry.requestId);
        break;
      }
      case 'REJECTION': {
        const req = open.read.get(entry.requestId);
        if (req?.join) applicants.write.delete(req.join.applicant.publicKey);
        open.write.delete(entry.requestId);
        break;
      }
      case 'DATA_OPERATION':
        open.write.delete(entry.requestId);
        break;
      case 'JOIN_REQUEST':
      case 'SHARE_REQUEST': {
        const isJoin = entry.kind === 'JOIN_REQUEST';
        seen.write.add(entry.requestId);
        if (isJoin) applicants.write.add(entry.request.applicant.publicKey);
        open.write.set(entry.requestId, {
          requestId: entry.requestId,
          requestKind: entry.kind,
          height: block.height,
          eligible: eligibleAtStart,
          threshold: allowThreshold(entry.kind, treaty.joinRule, eligibleAtStart),
          allows: 0,
          rejects: 0,
          voters: new Map(),
          join: isJoin ? entry.request : null,
          share: isJoin ? null : entry.request,
          settled: null,
        });
        break;
      }
      case 'VOTE': {
        const id = entry.vote.requestId;
        let t = tallies.get(id);
        if (t === undefined) {
          const req = open.read.get(id);
          if (req === undefined) break;
          t = { voters: new Map(req.voters), allows: req.allows, rejects: req.rejects };
          tallies.set(id, t);
        }
        t.voters.set(entry.vote.voter, entry.vote.allow);
        if (entry.vote.allow) t.allows += 1;
        else t.rejects += 1;
        break;
      }
      case 'ACCESS_LOG':
        accessSeq.write.set(entry.batch.server, entry.batch.seq);
        break;
      case 'IDENTITY':
        break;
    }
  }
  for (const [id, t] of tallies) {
    const req = open.read.get(id);
    if (req) open.write.set(id, openRequest(req, t.allows, t.rejects, t.voters, req.settled));
  }

  // Settle every request whose outcome can no longer change (or whose window closes here).
  for (const req of [...open.read.values()]) {
    if (req.settled !== null || req.height >= block.height) continue;
    const windowClosed = block.height >= req.height + treaty.voteWindowBlocks;
    const outcome = settle(req.threshold, req.eligible, req.allows, req.rejects, windowClosed);
    if (outcome) open.write.set(req.requestId, openRequest(req, req.allows, req.rejects, req.voters, outcome));
  }

  return {
    treaty,
    genesisCount: state.genesisCount,
    height: block.height,
    hash,
    timestampMs: block.timestampMs,
    blocks: state.blocks.push(block),
    hashes: state.hashes.push(hash),
    members,
    memberIndex: memberIndex.read,
    identities: identities.read,
    headValidators: state.validators,
    validators: members === state.members ? state.validators : firstValidators(members, treaty.validatorsMax),
    open: open.read,
    seenRequests: seen.read,
    applicants: applicants.read,
    accessSeq: accessSeq.read,
    notable: block.entries.filter((e) => e.kind !== 'VOTE' && e.kind !== 'ACCESS_LOG'),
  };
}
