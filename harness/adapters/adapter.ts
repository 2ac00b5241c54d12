// The Adapter: how the conformance runner (and anything else that needs it) drives an
// implementation, in process or in another process. Every call is async so both fit one shape.
// Node-level errors are values (HandleResult); adapter-level failures throw AdapterFailure.

import type {
  BidCurve,
  Capabilities,
  FlexTrade,
  MarketCleaning,
  CleaningSummary,
  HandleResult,
  Hex,
  Input,
  MeterReading,
  NodeConfig,
  NodeStateView,
  SecondaryRecord,
} from '../../contract/index.js';

/** Everything an adapter needs to build one node instance; no clock, no ambient randomness. */
export interface InstanceSpec {
  /** Caller-chosen id, unique within one adapter (e.g. "n0"). */
  readonly instance: string;
  readonly config: NodeConfig;
  /** Ed25519 secret key (32 bytes, hex); the public key is derived from it. */
  readonly secretKey: Hex;
  /** Seed of the node's injected Rng (an unsigned 32-bit integer). */
  readonly rngSeed: number;
  /** Crypto backend to inject (default 'node'). */
  readonly crypto?: 'node' | 'noble';
  /** Records the injected SharingApi answers label queries from (SPEC SHARE family). */
  readonly sharing?: readonly SecondaryRecord[];
}

export type DataOp =
  | { readonly op: 'ingest'; readonly readings: readonly MeterReading[] }
  | { readonly op: 'clean' }
  | { readonly op: 'query'; readonly label: string }
  | { readonly op: 'market'; readonly bids: readonly BidCurve[]; readonly trades: readonly FlexTrade[] };

export type DataOpResult =
  | { readonly accepted: number }
  | CleaningSummary
  | { readonly records: readonly SecondaryRecord[] }
  | MarketCleaning;

export interface AdapterInfo {
  readonly implementation: { readonly name: string; readonly version: string };
  readonly capabilities: Capabilities;
  /** 'in-process' or the command line of an out-of-process adapter. */
  readonly transport: string;
}

export interface Adapter {
  /** Performs the handshake (idempotent); must be awaited before any other call. */
  open(): Promise<AdapterInfo>;
  create(spec: InstanceSpec): Promise<{ readonly publicKey: Hex }>;
  /** Forgets an instance's state and recreates it from its create spec (fresh storage). */
  reset(instance: string): Promise<{ readonly publicKey: Hex }>;
  /** A crash and restart: a new node from the create spec that keeps the old one's storage (SPEC CHAIN-011). */
  restart(instance: string): Promise<{ readonly publicKey: Hex }>;
  destroy(instance: string): Promise<void>;
  apply(instance: string, input: Input, nowMs: number): Promise<HandleResult>;
  query(instance: string): Promise<NodeStateView>;
  digest(instance: string): Promise<Hex>;
  data(instance: string, op: DataOp): Promise<DataOpResult>;
  /** Releases everything (kills a child process). Never throws, never hangs. */
  close(): Promise<void>;
}

export type FailureKind = 'CRASH' | 'TIMEOUT' | 'ERROR';

/** An adapter-level failure: the implementation crashed, hung, or broke the adapter protocol. */
export class AdapterFailure extends Error {
  override readonly name = 'AdapterFailure';
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}
