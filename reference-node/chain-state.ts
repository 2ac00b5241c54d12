// Derived chain state: a pure function of the committed blocks (SPEC CHAIN-002, MEMB-003).
// States are immutable and share structure (immutable.js), so nodes at the same head can share
// one state object and a state costs little more than its predecessor.

import { List, Map as IMap, Set as ISet } from 'immutable';
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
  readonly voters: IMap<Hex, boolean>;
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
  readonly memberIndex: IMap<Hex, number>;
  readonly identities: IMap<Hex, Identity>;
  /** Validators that committed the head block (signers of its certificate); empty at genesis. */
  readonly headValidators: readonly Hex[];
  /** Validators for the next height: the first validatorsMax members (SPEC CHAIN-004). */
  readonly validators: readonly Hex[];
  readonly open: IMap<Hex, OpenRequest>;
  /** Every request id ever committed: replay protection (SPEC ERR-005). */
  readonly seenRequests: ISet<Hex>;
  /** Applicants with an open join request. */
  readonly applicants: ISet<Hex>;
  /** Last committed access-log sequence number per server. */
  readonly accessSeq: IMap<Hex, number>;
  /** The head block's entries other than votes and access logs: what every node reacts to. */
  readonly notable: readonly Entry[];
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
    memberIndex: IMap(identities.map((i, idx) => [i.publicKey, idx] as const)),
    identities: IMap(identities.map((i) => [i.publicKey, i] as const)),
    headValidators: [],
    validators: firstValidators(members, treaty.validatorsMax),
    open: IMap(),
    seenRequests: ISet(),
    applicants: ISet(),
    accessSeq: IMap(),
    notable: [],
  };
}

function addVote(req: OpenRequest, voter: Hex, allow: boolean): OpenRequest {
  return {
    ...req,
    voters: req.voters.set(voter, allow),
    allows: req.allows + (allow ? 1 : 0),
    rejects: req.rejects + (allow ? 0 : 1),
  };
}

/**
 * Applies a block that has already been validated against `state` (block-validate.ts).
 * Pure: returns a new state and leaves `state` untouched.
 */
export function applyBlock(state: ChainState, block: Block, hash: Hex): ChainState {
  const eligibleAtStart = state.members.size;
  const treaty = state.treaty;
  let members = state.members;
  let memberIndex = state.memberIndex;
  let identities = state.identities;
  const open = state.open.asMutable();
  const seen = state.seenRequests.asMutable();
  const applicants = state.applicants.asMutable();
  let accessSeq = state.accessSeq;

  for (const entry of block.entries) {
    switch (entry.kind) {
      case 'JOIN': {
        const key = entry.identity.publicKey;
        memberIndex = memberIndex.set(key, members.size);
        members = members.push(key);
        identities = identities.set(key, entry.identity);
        applicants.remove(key);
        open.remove(entry.requestId);
        break;
      }
      case 'REJECTION': {
        const req = open.get(entry.requestId);
        if (req?.join) applicants.remove(req.join.applicant.publicKey);
        open.remove(entry.requestId);
        break;
      }
      case 'DATA_OPERATION':
        open.remove(entry.requestId);
        break;
      case 'JOIN_REQUEST':
      case 'SHARE_REQUEST': {
        const isJoin = entry.kind === 'JOIN_REQUEST';
        seen.add(entry.requestId);
        if (isJoin) applicants.add(entry.request.applicant.publicKey);
        open.set(entry.requestId, {
          requestId: entry.requestId,
          requestKind: entry.kind,
          height: block.height,
          eligible: eligibleAtStart,
          threshold: allowThreshold(entry.kind, treaty.joinRule, eligibleAtStart),
          allows: 0,
          rejects: 0,
          voters: IMap(),
          join: isJoin ? entry.request : null,
          share: isJoin ? null : entry.request,
          settled: null,
        });
        break;
      }
      case 'VOTE': {
        const req = open.get(entry.vote.requestId);
        if (req) open.set(req.requestId, addVote(req, entry.vote.voter, entry.vote.allow));
        break;
      }
      case 'ACCESS_LOG':
        accessSeq = accessSeq.set(entry.batch.server, entry.batch.seq);
        break;
      case 'IDENTITY':
        break;
    }
  }

  // Settle every request whose outcome can no longer change (or whose window closes here).
  for (const req of [...open.values()]) {
    if (req.settled !== null || req.height >= block.height) continue;
    const windowClosed = block.height >= req.height + treaty.voteWindowBlocks;
    const outcome = settle(req.threshold, req.eligible, req.allows, req.rejects, windowClosed);
    if (outcome) open.set(req.requestId, { ...req, settled: outcome });
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
    memberIndex,
    identities,
    headValidators: state.validators,
    validators: members === state.members ? state.validators : firstValidators(members, treaty.validatorsMax),
    open: open.asImmutable(),
    seenRequests: seen.asImmutable(),
    applicants: applicants.asImmutable(),
    accessSeq,
    notable: block.entries.filter((e) => e.kind !== 'VOTE' && e.kind !== 'ACCESS_LOG'),
  };
}
