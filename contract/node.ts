// The NodeUnderTest interface (SPEC.md §8): how the harness drives any implementation.
// A node never reads a clock, never draws its own randomness and never does I/O: time arrives
// with each input, timers fire as inputs, and storage, keys, crypto and rng are injected.

import type { DataOps } from './data.js';
import type { NodeError } from './errors.js';
import type { Block, Hex, Message, RequestKind, SecondaryRecord, Treaty } from './types.js';

/** Bytes-in, bytes-out primitives. Implementations: libsodium, node:crypto and @noble (protocol/crypto). */
export interface CryptoBackend {
  readonly name: string;
  sha256(data: Uint8Array): Uint8Array;
  publicKeyOf(secretKey: Uint8Array): Uint8Array;
  sign(secretKey: Uint8Array, data: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean;
}

/** Synchronous key-value storage the node persists its safety state in (SPEC CHAIN-011). */
export interface Storage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Seeded randomness; a node that needs none may ignore it. */
export interface Rng {
  nextU32(): number;
}

export interface KeyPair {
  readonly publicKey: Hex;
  readonly secretKey: Uint8Array;
}

/** The S2 sharing API a node serves requests through (filled by the data-processing module). */
export interface SharingApi {
  query(label: string): readonly SecondaryRecord[];
}

export type VotePolicy = 'allow' | 'reject' | 'abstain' | 'manual';

export interface NodeConfig {
  readonly treaty: Treaty;
  /** How this node votes when a request it is eligible for commits; 'manual' waits for a command. */
  readonly votePolicy?: { readonly join: VotePolicy; readonly share: VotePolicy };
  /** Name and parameters this node declares when it applies to join (non-founders). */
  readonly profile?: { readonly name: string; readonly params: Readonly<Record<string, string>> };
}

export interface NodeEnv {
  readonly keys: KeyPair;
  readonly crypto: CryptoBackend;
  readonly storage: Storage;
  readonly rng: Rng;
  readonly sharing?: SharingApi;
  /**
   * Caches an environment may share among honest nodes of one implementation (design §3).
   * Everything cached must be a pure function of its key.
   */
  readonly caches?: SharedCaches;
}

export interface SharedCaches {
  /** Signature verdicts keyed by an implementation-chosen digest of (key, message, signature). */
  readonly verdicts?: Map<string, boolean>;
  /** Implementation-private derived state keyed by block hash. */
  readonly derived?: Map<string, unknown>;
  /** Implementation-private per-block memo (hash, size) keyed by object identity: blocks are
   *  immutable once sent, so an environment that shares block objects may share this too. */
  readonly blocks?: WeakMap<object, unknown>;
}

export type TimerKind = 'propose' | 'prevote' | 'precommit' | 'commitWait' | 'accessLog' | 'catchUp' | 'shareRetry';

export interface Timer {
  readonly kind: TimerKind;
  readonly height: number;
  readonly round: number;
}

export interface TimerRequest {
  readonly timer: Timer;
  readonly atMs: number;
}

export type Command =
  /** Begin taking part: founders start consensus, a restarted node starts catching up. */
  | { readonly type: 'start' }
  | { readonly type: 'applyToJoin'; readonly via: readonly Hex[]; readonly createdAtMs: number }
  | {
      readonly type: 'requestShare';
      readonly server: Hex;
      readonly label: string;
      readonly nonce: number;
    }
  | { readonly type: 'vote'; readonly requestId: Hex; readonly allow: boolean };

export type Input =
  | { readonly type: 'message'; readonly from: Hex; readonly message: Message }
  | { readonly type: 'timer'; readonly timer: Timer }
  | { readonly type: 'command'; readonly command: Command };

/** One payload to many receivers, so an environment can deliver a broadcast without copying. */
export interface Outgoing {
  readonly to: readonly Hex[];
  readonly message: Message;
}

export type Effect =
  | { readonly type: 'committed'; readonly height: number; readonly hash: Hex; readonly block: Block }
  | {
      readonly type: 'decided';
      readonly requestId: Hex;
      readonly requestKind: RequestKind;
      readonly outcome: 'allowed' | 'rejected';
      readonly allows: number;
      readonly eligible: number;
      readonly height: number;
    }
  | { readonly type: 'voteRequested'; readonly requestId: Hex; readonly requestKind: RequestKind }
  | { readonly type: 'voted'; readonly requestId: Hex; readonly allow: boolean }
  | {
      readonly type: 'served';
      readonly requestId: Hex;
      readonly requester: Hex;
      readonly label: string;
      readonly records: number;
      readonly atMs: number;
    }
  | { readonly type: 'accessLogged'; readonly server: Hex; readonly seq: number; readonly records: number }
  | { readonly type: 'requestSubmitted'; readonly requestId: Hex; readonly requestKind: RequestKind | 'MEMBER_SHARE' }
  | {
      readonly type: 'shareAnswered';
      readonly requestId: Hex;
      readonly status: 'served' | 'pending' | 'rejected';
      readonly records: number;
    }
  | { readonly type: 'joined'; readonly height: number };

export interface Output {
  readonly send: readonly Outgoing[];
  readonly timers: readonly TimerRequest[];
  readonly effects: readonly Effect[];
}

export type HandleResult =
  | { readonly ok: true; readonly output: Output }
  | { readonly ok: false; readonly error: NodeError };

export interface OpenRequestView {
  readonly requestId: Hex;
  readonly requestKind: RequestKind;
  readonly height: number;
  readonly eligible: number;
  readonly allows: number;
  readonly rejects: number;
}

/** What the harness may read of a node (for checks and reports; not part of the digest). */
export interface NodeStateView {
  readonly publicKey: Hex;
  readonly isMember: boolean;
  readonly height: number;
  readonly headHash: Hex;
  readonly members: readonly Hex[];
  /** Validators for the next height. */
  readonly validators: readonly Hex[];
  readonly consensus: { readonly height: number; readonly round: number; readonly step: string };
  readonly pendingEntries: number;
  readonly openRequests: readonly OpenRequestView[];
  readonly unsentAccessRecords: number;
}

export type Module = 'data-processing' | 'communication' | 'sharing';

export interface Capabilities {
  readonly modules: readonly Module[];
  /** Protocol features the implementation supports; checks needing a missing one are SKIP. */
  readonly features: readonly string[];
}

export interface NodeUnderTest {
  readonly publicKey: Hex;
  handle(input: Input, nowMs: number): HandleResult;
  query(): NodeStateView;
  /** Canonical state digest (SPEC CHAIN-013): equal digests mean equal protocol state. */
  digest(): Hex;
  /** S2 data operations; present when the implementation declares 'data-processing'. */
  readonly data?: DataOps;
}

export interface NodeFactory {
  readonly implementation: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  create(config: NodeConfig, env: NodeEnv): NodeUnderTest;
}
