// Memo tables keyed by object identity or block hash. Every value is a pure function of its key
// (protocol objects are immutable once sent), so an environment may share one table among honest
// nodes of this implementation through env.caches.derived (design §3); otherwise each node
// keeps its own.

import type { Block, ConsensusStep, Hex, NodeEnv, NodeError, Treaty } from '../contract/index.js';
import type { ChainState } from './chain-state.js';
import type { Consensus } from './consensus.js';
import type { ShapeCheckers } from './shape.js';

export interface CommitVerdict {
  readonly parentHash: Hex;
  readonly block: Block;
  readonly error: NodeError | null;
}

export interface ConsensusSignatureVerdict {
  readonly step: ConsensusStep;
  readonly height: number;
  readonly round: number;
  readonly blockHash: Hex | null;
  readonly validator: Hex;
  readonly allianceId: string;
}

export interface VoteSignatureVerdict {
  readonly allianceId: string;
  readonly requestId: Hex;
  readonly voter: Hex;
  readonly allow: boolean;
  readonly ok: boolean;
}

export interface Memo {
  /** Structural verdict (null when well-formed) and encoded size of a message object. */
  readonly shapes: WeakMap<object, { readonly shape: string | null; readonly size: number }>;
  /** Strings seen to be well-formed public keys (message senders). */
  readonly senders: Set<string>;
  /** The last sender found in `senders`, and the last message whose shape was looked up with its
   *  verdict: a fan-out delivers one message from one sender to node after node. */
  lastSender: string | null;
  lastMessage: unknown;
  lastShape: { readonly shape: string | null; readonly size: number };
  /** Message checkers (with their per-block verdicts), built once per limit pair. */
  readonly shapeCheckers: ShapeCheckers;
  /** The round state of non-validators at the latest height (it never changes). */
  idleConsensus: Consensus | null;
  /** The last lock record written (every validator of a height locks the same block). */
  lockText: { readonly id: string; readonly text: string } | null;
  /** The payload a member signed a vote over, until a validator checks the vote. */
  readonly votePayloads: WeakMap<object, Uint8Array>;
  /** Signature verdict of a signed object (vote, request, batch). */
  readonly signatures: WeakMap<object, boolean>;
  /** Verdict of a consensus vote object, per step: one object sent as PREVOTE and as PRECOMMIT
   *  has two payloads, so two verdicts. */
  readonly consensusVotes: { readonly PREVOTE: WeakMap<object, boolean>; readonly PRECOMMIT: WeakMap<object, boolean> };
  /** The fields a consensus vote's signature was checked for (its verdict is in the shared
   *  verdict map under the signature). */
  readonly consensusSignatures: Map<Hex, ConsensusSignatureVerdict>;
  /** A vote's verdict by its signature, with the fields it was checked for: kept here rather than
   *  in the shared verdict map, where a consensus vote reusing the signature could replace it. */
  readonly voteSignatures: Map<Hex, VoteSignatureVerdict>;
  /** Verdict of a committed block with a given certificate object against its parent. */
  readonly commits: WeakMap<object, CommitVerdict>;
  /** Verdict of a certificate object for a height, block hash and validator list. */
  readonly certificates: WeakMap<object, { readonly height: number; readonly hash: Hex; readonly validators: readonly Hex[]; readonly error: NodeError | null }>;
  /** Verdict of a block's entries against a parent state, by block hash: every validator checks
   *  the same proposal, and every member the same committed block. */
  readonly entries: WeakMap<ChainState, Map<Hex, NodeError | null>>;
  readonly genesis: WeakMap<Treaty, ChainState>;
  /** Derived states by block hash (bounded: recomputing one is pure, only slower). */
  readonly states: Map<Hex, ChainState>;
  /** Non-validator members, in member order, by member list, and each validator's share of them
   *  by start offset (commit fan-out). */
  readonly fanOut: WeakMap<object, { readonly validators: readonly Hex[]; readonly others: readonly Hex[]; readonly lists: Map<number, readonly Hex[]> }>;
}

const MEMO_KEY = 'raa-reference/memo/v1';
export const STATES_MAX = 256;

function createMemo(): Memo {
  return {
    shapes: new WeakMap(),
    shapeCheckers: new Map(),
    senders: new Set(),
    lastSender: null,
    lastMessage: null,
    lastShape: { shape: null, size: 0 },
    lockText: null,
    idleConsensus: null,
    signatures: new WeakMap(),
    votePayloads: new WeakMap(),
    consensusVotes: { PREVOTE: new WeakMap(), PRECOMMIT: new WeakMap() },
    consensusSignatures: new Map(),
    voteSignatures: new Map(),
    commits: new WeakMap(),
    entries: new WeakMap(),
    certificates: new WeakMap(),
    genesis: new WeakMap(),
    states: new Map(),
    fanOut: new WeakMap(),
  };
}

/** One accessor per shared table: 10,000 nodes calling one function object keep it in cache. */
const accessors = new WeakMap<object, () => Memo>();

/** The shared memo when the environment offers one, else a node-private one. */
export function memoOf(env: NodeEnv): () => Memo {
  const shared = env.caches?.derived;
  if (!shared) {
    const own = createMemo();
    return () => own;
  }
  const known = accessors.get(shared);
  if (known !== undefined) return known;
  // Looked up on first use: the table is asked for on every message. If the environment later
  // drops it, the nodes keep using this copy (every entry is pure, so still correct).
  let memo: Memo | undefined;
  const accessor = (): Memo => {
    if (memo === undefined) {
      memo = shared.get(MEMO_KEY) as Memo | undefined;
      if (!memo) {
        memo = createMemo();
        shared.set(MEMO_KEY, memo);
      }
    }
    return memo;
  };
  accessors.set(shared, accessor);
  return accessor;
}

export function rememberState(memo: Memo, hash: Hex, state: ChainState): void {
  if (memo.states.size >= STATES_MAX) {
    const oldest = memo.states.keys().next().value;
    if (oldest !== undefined) memo.states.delete(oldest);
  }
  memo.states.set(hash, state);
}
