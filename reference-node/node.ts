// The reference node: sans-I/O and deterministic. `handle` validates an input completely before
// changing anything, so every error leaves the state digest unchanged (SPEC ERR-002).

import {
  type CommitCertificate,
  type CryptoBackend,
  type DataOps,
  type HandleResult,
  type Hex,
  type Input,
  type Message,
  type NodeConfig,
  type NodeEnv,
  type NodeError,
  type NodeStateView,
  type NodeUnderTest,
  type KeyPair,
  type SharingApi,
  type Treaty,
} from '../contract/index.js';
import { isHexOfBytes, toHex, utf8Length } from '../protocol/index.js';
import { onCommand } from './commands.js';
import { newConsensus } from './commit.js';
import { onTimeout } from './consensus.js';
import type { ChainState } from './chain-state.js';
import type { Consensus } from './consensus.js';
import { Out, type AccessLogState, type Core } from './core.js';
import { stateDigest } from './digest.js';
import { err } from './entries.js';
import { deriveGenesis } from './genesis.js';
import { createDataModule } from './data/index.js';
import { memoOf, type Memo } from './memo.js';
import { NO_MUTATIONS, type Mutations } from './mutations.js';
import { loadSafety, type SafetyRecord } from './safety.js';
import type { PendingPool } from './pending.js';
import { hooks, onBlockRequest, onBlockResponse, onCommit, onConsensusVote, onProposal } from './on-consensus.js';
import { onAccessLog, onDecision, onJoinRequest, onShareResponse, onVote } from './on-requests.js';
import { idleState, NO_BUFFERED } from './idle.js';
import { Sealer } from './seal.js';
import { onAccessLogTimer, onShareRequest, onShareRetryTimer } from './sharing.js';
import { checkMessageShape } from './shape.js';
import { Verifier } from './verify.js';

const TIMER_KINDS = new Set(['propose', 'prevote', 'precommit', 'commitWait', 'accessLog', 'catchUp', 'shareRetry']);
/** Sender keys a node remembers as well-formed (cleared when full). */
const KNOWN_SENDERS_MAX = 200_000;
/** Upper bound on the encoded size of a well-formed VOTE, PREVOTE, PRECOMMIT, DECISION or
 *  BLOCK_REQUEST (fixed fields, a 64-byte alliance id at most 6 bytes per byte escaped), below
 *  the least maxMessageBytes a treaty may set (LIMITS ranges: 8,192). */
export const SMALL_MESSAGE_BYTES_MAX = 1_024;
/** Entries per block the shape check allows; the byte limit binds long before. */
const BLOCK_ENTRIES_MAX = 1_000_000;

/** The output the next handle() call fills (node.handle). */
let scratch = new Out();

/**
 * The node is its own core (the state the handler modules share): one object per node rather than
 * a node pointing to a core, so each of the region's eight million inputs touches one less object.
 * Every field is assigned in the constructor, so V8 keeps them all inside the object.
 */
export class ReferenceNode implements NodeUnderTest, Core {
  // Declared in the order V8 lays the fields out: those a member reads on every COMMIT first, so
  // they share two or three cache lines instead of spreading over five (the region's 5.8 million
  // COMMIT deliveries are mostly cache misses).
  readonly memo: () => Memo;
  state: ChainState;
  consensus: Consensus;
  buffered: Core['buffered'];
  readonly treaty: Treaty;
  readonly sealer: Sealer;
  headCert: CommitCertificate | null;
  access: AccessLogState;
  pending: PendingPool;
  myVotes: Core['myVotes'];
  roleList0: readonly Hex[] | null;
  roleIndex0: number;
  roleList1: readonly Hex[] | null;
  roleIndex1: number;
  readonly resume: SafetyRecord | null;
  started: boolean;
  readonly keys: KeyPair;
  catchUpInFlight: boolean;
  readonly verifier: Verifier;
  readonly publicKey: Hex;
  /** The S2 data-processing module (SPEC DATA, CLEAN): ingest, clean, query by label. */
  readonly data: DataOps;
  readonly config: NodeConfig;
  readonly env: NodeEnv;
  readonly crypto: CryptoBackend;
  readonly sharing: SharingApi;
  readonly votePolicy: Core['votePolicy'];
  readonly served: Core['served'];
  readonly forwarded: Set<Hex>;
  readonly outstanding: Core['outstanding'];
  shareRetryArmed: boolean;
  savedLockId: string;
  constructor(config: NodeConfig, givenEnv: NodeEnv, mutations: Mutations = NO_MUTATIONS) {
    // A mutant shares no memo with honest nodes: its verdicts differ by design.
    const env: NodeEnv = mutations === NO_MUTATIONS ? givenEnv : withoutCaches(givenEnv);
    const crypto = env.crypto;
    if (toHex(crypto.publicKeyOf(env.keys.secretKey)) !== env.keys.publicKey) {
      throw new RangeError('env.keys: publicKey does not belong to secretKey');
    }
    const dataModule = createDataModule();
    const memo = memoOf(env);
    const idle = idleState(config.treaty.maxPendingEntries);
    this.publicKey = env.keys.publicKey;
    this.data = dataModule.data;
    this.config = config;
    this.env = env;
    this.treaty = config.treaty;
    this.keys = env.keys;
    this.crypto = crypto;
    this.verifier = Verifier.from(crypto, env.caches, memo, mutations);
    this.sealer = Sealer.of(crypto, env.caches?.blocks);
    this.sharing = env.sharing ?? dataModule.sharing;
    this.votePolicy = config.votePolicy ?? { join: 'allow', share: 'allow' };
    this.memo = memo;
    this.state = deriveGenesis(config.treaty, this.verifier, this.sealer, memo().genesis as WeakMap<object, unknown>);
    this.headCert = null;
    this.consensus = undefined as never;
    this.pending = idle.pending;
    this.buffered = idle.buffered;
    this.myVotes = idle.myVotes;
    this.access = idle.access;
    this.served = new Map();
    this.forwarded = new Set();
    this.outstanding = new Map();
    this.catchUpInFlight = false;
    this.shareRetryArmed = false;
    this.started = false;
    this.resume = loadSafety({ env });
    this.savedLockId = '';
    this.roleList0 = null;
    this.roleIndex0 = -1;
    this.roleList1 = null;
    this.roleIndex1 = -1;
    this.consensus = newConsensus(this, 0, new Out());
  }

  handle(input: Input, nowMs: number): HandleResult {
    if (!Number.isSafeInteger(nowMs) || nowMs < 0) return fail(err('ERR_MALFORMED', 'nowMs: expected a non-negative integer'));
    const core: Core = this;
    // handle() never runs inside another handle(), so one output object serves every node until
    // it is handed out: a result that is only a block's commit is that block's shared one.
    const out = scratch;
    const heightBefore = core.consensus.height;
    try {
      const problem = this.dispatch(input, nowMs, out);
      if (problem) {
        out.clear();
        return fail(problem);
      }
      if (core.consensus.height !== heightBefore) this.replayBuffered(nowMs, out);
    } catch (error) {
      out.clear(); // a throw (a bug, reported as such) must not leak into the next node's output
      throw error;
    }
    const shared = out.onlyCommitted;
    if (shared !== null) {
      out.clear();
      return shared;
    }
    scratch = new Out();
    return { ok: true, output: out };
  }

  private dispatch(input: Input, nowMs: number, out: Out): NodeError | null {
    if (typeof input !== 'object' || input === null) return err('ERR_MALFORMED', 'input: expected an object');
    switch (input.type) {
      case 'message':
        if (!this.isKey(input.from)) return err('ERR_MALFORMED', 'input.from: expected a 32-byte public key');
        return this.onMessage(input.from, input.message, nowMs, out);
      case 'timer':
        return this.onTimer(input.timer, nowMs, out);
      case 'command':
        if (typeof input.command !== 'object' || input.command === null) return err('ERR_MALFORMED', 'input.command: expected an object');
        if (!['start', 'applyToJoin', 'requestShare', 'vote'].includes(input.command.type)) {
          return err('ERR_UNSUPPORTED', `input.command.type: unknown command ${String(input.command.type)}`);
        }
        return onCommand(this, input.command, nowMs, out);
      default:
        return err('ERR_MALFORMED', 'input.type: expected message|timer|command');
    }
  }

  /** Sender keys already seen well-formed, in the memo: one hot table, not one per node. */
  private isKey(from: unknown): boolean {
    const memo = this.memo();
    // A fan-out reaches thousands of nodes in a row with one sender string: compared by pointer.
    if (from === memo.lastSender) return true;
    const known = memo.senders;
    if (typeof from === 'string' && known.has(from)) {
      memo.lastSender = from;
      return true;
    }
    if (!isHexOfBytes(from, 32)) return false;
    if (known.size >= KNOWN_SENDERS_MAX) known.clear();
    known.add(from);
    return true;
  }

  private onTimer(timer: unknown, nowMs: number, out: Out): NodeError | null {
    const t = timer as { kind?: unknown; height?: unknown; round?: unknown } | null;
    if (!t || !TIMER_KINDS.has(t.kind as string) || !Number.isSafeInteger(t.height) || !Number.isSafeInteger(t.round)) {
      return err('ERR_MALFORMED', 'input.timer: expected {kind, height, round}');
    }
    const core: Core = this;
    const kind = t.kind as string;
    if (kind === 'accessLog') onAccessLogTimer(core, nowMs, out);
    else if (kind === 'catchUp') core.catchUpInFlight = false;
    else if (kind === 'shareRetry') onShareRetryTimer(core, nowMs, out);
    else if (t.height === core.consensus.height) onTimeout(core, core.consensus, kind, t.round as number, hooks, nowMs, out);
    return null; // a stale timer is simply ignored
  }

  private onMessage(from: Hex, message: Message, nowMs: number, out: Out): NodeError | null {
    const core: Core = this;
    const t = core.treaty;
    const { shape, size } = this.inspect(message);
    if (shape) return err('ERR_MALFORMED', shape);
    if (size > t.maxMessageBytes) return err('ERR_OVERSIZED', `message is ${size} bytes, limit ${t.maxMessageBytes}`);
    switch (message.type) {
      case 'PROPOSAL':
        if (message.proposal.block.height !== message.proposal.height) return err('ERR_MALFORMED', 'proposal height differs from its block height');
        return onProposal(core, from, message.proposal, nowMs, out);
      case 'PREVOTE':
      case 'PRECOMMIT':
        return onConsensusVote(core, from, message.type, message.vote, nowMs, out);
      case 'COMMIT':
        return onCommit(core, from, message.block, message.certificate, nowMs, out);
      case 'BLOCK_REQUEST':
        return onBlockRequest(core, from, message.fromHeight, message.maxBlocks, out);
      case 'BLOCK_RESPONSE':
        return onBlockResponse(core, from, message.blocks, nowMs, out);
      case 'JOIN_REQUEST':
        return onJoinRequest(core, from, message.request, out);
      case 'SHARE_REQUEST':
        return onShareRequest(core, from, message.request, nowMs, out);
      case 'VOTE':
        return onVote(core, message.vote);
      case 'ACCESS_LOG':
        return onAccessLog(core, message.batch);
      case 'DECISION':
        return onDecision(core, from, message, nowMs, out);
      case 'SHARE_RESPONSE':
        return onShareResponse(core, from, message, out);
    }
  }

  /** Shape and size of a message object, once per object (a broadcast is one shared object). */
  private inspect(message: Message): { shape: string | null; size: number } {
    const memo = this.memo();
    // The same message object reaches thousands of nodes in a row (one COMMIT to ~312 members);
    // the last one is kept only when it is an object (a null message must still be checked).
    if (typeof message !== 'object' || message === null) return this.shapeOf(message);
    if (message === memo.lastMessage) return memo.lastShape;
    let known = memo.shapes.get(message);
    if (known === undefined) memo.shapes.set(message, (known = this.shapeOf(message)));
    memo.lastMessage = message;
    memo.lastShape = known;
    return known;
  }

  private shapeOf(message: Message): { shape: string | null; size: number } {
    const shape = checkMessageShape(message, this.treaty.maxAccessRecordsPerBatch, BLOCK_ENTRIES_MAX, this.memo().shapeCheckers);
    return { shape, size: shape ? 0 : this.sizeOf(message) };
  }

  /** Encoded size; blocks are sized once through the sealer rather than re-encoded. */
  private sizeOf(message: Message): number {
    const seal = this.sealer;
    switch (message.type) {
      case 'VOTE':
      case 'PREVOTE':
      case 'PRECOMMIT':
      case 'DECISION':
      case 'BLOCK_REQUEST':
        // Well-formed, these are bounded by their shape far below the smallest maxMessageBytes
        // the treaty allows: the bound stands in for the size (tests/reference/size-bound.test.ts).
        return SMALL_MESSAGE_BYTES_MAX;
      case 'PROPOSAL':
        return seal.seal(message.proposal.block).sizeBytes + 512;
      case 'COMMIT':
        return seal.seal(message.block).sizeBytes + 256 + message.certificate.precommits.length * 256;
      case 'BLOCK_RESPONSE':
        return message.blocks.reduce((n, b) => n + seal.seal(b.block).sizeBytes + 256 + (b.certificate?.precommits.length ?? 0) * 256, 0);
      default:
        // RFC 8785 serialises like JSON.stringify but for key order, so the length is the same.
        return utf8Length(JSON.stringify(message));
    }
  }

  private replayBuffered(nowMs: number, out: Out): void {
    const core: Core = this;
    for (let rounds = 0; rounds < 8 && core.buffered.length > 0; rounds++) {
      const height = core.consensus.height;
      const queue = core.buffered;
      core.buffered = NO_BUFFERED;
      for (const { from, message } of queue) {
        const r = this.onMessage(from, message, nowMs, out);
        void r; // an outdated buffered message is dropped; its error was never the sender's to see
      }
      if (core.consensus.height === height) break;
    }
  }

  query(): NodeStateView {
    const core: Core = this;
    const s = core.state;
    return {
      publicKey: this.publicKey,
      isMember: s.memberIndex.has(this.publicKey),
      height: s.height,
      headHash: s.hash,
      members: s.members.toArray(),
      validators: s.validators,
      consensus: { height: core.consensus.height, round: core.consensus.round, step: core.consensus.step },
      pendingEntries: core.pending.size,
      openRequests: [...s.open.values()].map((r) => ({
        requestId: r.requestId,
        requestKind: r.requestKind,
        height: r.height,
        eligible: r.eligible,
        allows: r.allows,
        rejects: r.rejects,
      })),
      unsentAccessRecords: core.access.unsent.length + (core.access.inFlight?.records.length ?? 0),
    };
  }

  digest(): Hex {
    return stateDigest(this);
  }
}

function withoutCaches(env: NodeEnv): NodeEnv {
  const { caches: _shared, ...rest } = env;
  return rest;
}

function fail(error: NodeError): HandleResult {
  return { ok: false, error };
}
