// The discrete-event engine: pops events in (time, sequence) order and drives nodes only through
// NodeUnderTest.handle. A node is a single CPU: an input that arrives while it is busy waits, and
// each handle() costs virtual time from the cost model (crypto counted through the wrapper).
// Outgoing messages share one payload among all receivers.

import type { Command, Effect, Hex, Input, Message, NodeError, NodeUnderTest, Proposal, Timer } from '../../contract/index.js';
import type { CryptoCounts } from './crypto.js';
import { receiveCostUs, sendCostUs } from './cost.js';
import { messageSizeBytes } from './message-size.js';
import { SeenVotes } from './seen-votes.js';
import { EventHeap } from './heap.js';
import { FanOut, FanOutPool } from './fan-out.js';
import type { NetworkModel } from './network.js';
import type { CostModel } from './scenario.js';

/**
 * Virtual time 0 on node clocks (2026-01-01T00:00:00Z): genesis timestamps are the founders'
 * declared times (small integers), so node clocks must start well after them, as real ones do.
 */
export const NODE_EPOCH_MS = 1_767_225_600_000;

type MessageInput = Extract<Input, { type: 'message' }>;

const enum Kind {
  Deliver = 1,
  Timer = 2,
  Command = 3,
  Action = 4,
  /** A fan-out's copies, earliest first (fan-out.ts). */
  Stream = 5,
}

export interface SimNode {
  readonly index: number;
  readonly key: Hex;
  /** Member at genesis (founder), applicant or non-member requester. */
  readonly role: 'founder' | 'applicant' | 'requester';
  readonly honest: boolean;
  /** Implementation label ('reference' or the --impl name). */
  readonly impl: string;
  readonly counts: CryptoCounts;
  /** Builds a fresh instance over the node's persistent storage (the engine calls it at start,
   *  in node order, and at each restart). */
  readonly create: () => NodeUnderTest;
  readonly skewUs: number;
}

export interface SimObserver {
  /** By node index: a committed effect arrives from each of 10,000 members per block, and the
   *  node's record would be one more cache miss each time. */
  onEffect(node: number, effect: Effect, nowUs: number): void;
  onError(node: SimNode, error: NodeError, input: Input, nowUs: number): void;
  onThrow(node: SimNode, error: unknown, input: Input, nowUs: number): void;
  /** A proposal leaves its proposer (the harness may forecast the validators' votes on it). */
  onProposal?(from: number, proposal: Proposal): void;
}

export interface EngineStats {
  events: number;
  handled: number;
  messages: number;
  deliveries: number;
  droppedUnknownReceiver: number;
  errors: number;
  /** Deliveries per message type (where the events go). */
  deliveriesByType: Record<string, number>;
}

/** Recipient lists shorter than this are looked up per send (a WeakMap lookup costs as much). */
const FROZEN_RECEIVERS_MIN = 16;
/** Sends to this many receivers or more travel as one stream (fan-out.ts). */
const FAN_OUT_MIN = 16;

/** Doubles per node in `hot` (64 bytes: one cache line when aligned), and their offsets. */
const HOT = 8;
const BUSY_UNTIL_US = 0;
const SKEW_US = 1;
/** 1 while the node runs, 0 after a crash. */
const UP = 2;
const INCARNATION = 3;
/** handle() calls that returned, across restarts. */
const HANDLED = 4;
/** Int32s per event slot in `slotInts`: kind, target, aux (a timer's incarnation), bytes. */
const SLOT = 4;

export class Engine {
  readonly heap = new EventHeap(1 << 16);
  /** Vote signatures each node checked on arrival (cost model). */
  private readonly seenVotes = new SeenVotes();
  private readonly fanOuts = new FanOutPool();
  private events = 0;
  private handled = 0;
  private messages = 0;
  private deliveries = 0;
  private droppedUnknownReceiver = 0;
  private errors = 0;
  /** Deliveries by message type: a Map of counter objects (a keyed store into a plain object cost
   *  more per delivery), and a fan-out stream holds its type's counter. */
  private readonly byType = new Map<string, { n: number }>();
  nowUs = 0;
  /**
   * What every event reads, packed: one event slot is 16 bytes of one array (kind, target, aux,
   * message bytes) and a node's state 64 bytes of another (10,000 nodes in 640 KB). As fields of
   * 10,000 node records and six parallel arrays, each was its own cache miss per event.
   */
  private slotInts = new Int32Array(SLOT * 1024);
  private slotCount = 0;
  private readonly ref: unknown[] = [];
  private readonly free: number[] = [];
  private readonly hot: Float64Array;
  private readonly instances: NodeUnderTest[];
  private readonly indexOf = new Map<Hex, number>();
  private readonly frozenReceivers = new WeakMap<readonly Hex[], Int32Array>();

  constructor(
    readonly nodes: readonly SimNode[],
    private readonly network: NetworkModel,
    private readonly cost: CostModel,
    private readonly observer: SimObserver,
  ) {
    for (const n of nodes) this.indexOf.set(n.key, n.index);
    this.hot = new Float64Array(HOT * nodes.length);
    this.instances = nodes.map((n, i) => {
      this.hot[HOT * i + SKEW_US] = n.skewUs;
      this.hot[HOT * i + UP] = 1;
      return n.create();
    });
  }

  private isUp(index: number): boolean {
    return this.hot[HOT * index + UP] === 1;
  }

  /** handle() calls of the node that returned (ok or a typed error), across restarts. */
  handledOf(index: number): number {
    return this.hot[HOT * index + HANDLED] ?? 0;
  }

  get stats(): EngineStats {
    return {
      events: this.events,
      handled: this.handled,
      messages: this.messages,
      deliveries: this.deliveries,
      droppedUnknownReceiver: this.droppedUnknownReceiver,
      errors: this.errors,
      deliveriesByType: Object.fromEntries([...this.byType].map(([type, c]) => [type, c.n])),
    };
  }

  nodeIndex(key: Hex): number | undefined {
    return this.indexOf.get(key);
  }

  private slot(kind: Kind, target: number, aux: number, ref: unknown, bytes = 0): number {
    let s = this.free.pop();
    if (s === undefined) {
      s = this.slotCount++;
      if (SLOT * this.slotCount > this.slotInts.length) {
        const grown = new Int32Array(this.slotInts.length * 2);
        grown.set(this.slotInts);
        this.slotInts = grown;
      }
      this.ref.push(ref);
    } else {
      this.ref[s] = ref;
    }
    const ints = this.slotInts;
    ints[SLOT * s] = kind;
    ints[SLOT * s + 1] = target;
    ints[SLOT * s + 2] = aux;
    ints[SLOT * s + 3] = bytes;
    return s;
  }

  private release(s: number): void {
    this.ref[s] = undefined;
    this.free.push(s);
  }

  command(atUs: number, node: number, command: Command): void {
    this.heap.push(atUs, this.slot(Kind.Command, node, 0, command));
  }

  /** Harness actions (workload generators, faults): closures run at a virtual time. */
  action(atUs: number, run: (nowUs: number) => void): void {
    this.heap.push(atUs, this.slot(Kind.Action, -1, 0, run));
  }

  /** Injects a message as if `from` had sent it (Byzantine replays, tests). */
  inject(atUs: number, from: number, to: number, message: Message): void {
    this.heap.push(atUs, this.slot(Kind.Deliver, to, 0, this.messageInput(from, message), messageSizeBytes(message)));
  }

  crash(node: number): void {
    if (this.nodes[node] === undefined || !this.isUp(node)) return;
    this.hot[HOT * node + UP] = 0;
    this.hot[HOT * node + INCARNATION] = (this.hot[HOT * node + INCARNATION] as number) + 1;
  }

  restart(node: number, atUs: number): void {
    const n = this.nodes[node];
    if (n === undefined || this.isUp(node)) return;
    this.instances[node] = n.create();
    this.hot[HOT * node + UP] = 1;
    this.hot[HOT * node + BUSY_UNTIL_US] = Math.max(this.hot[HOT * node + BUSY_UNTIL_US] as number, atUs);
    this.command(atUs, node, { type: 'start' });
  }

  /**
   * Runs until the queue is empty or the next event is after `endUs` ('done'), `shouldStop`
   * says so ('stopped', polled every 4,096 events) or `maxEvents` ran ('paused': the caller
   * may yield to its event loop, e.g. for Ctrl-C, and call run again).
   */
  run(endUs: number, shouldStop: () => boolean = () => false, maxEvents = Infinity): 'done' | 'paused' | 'stopped' {
    const heap = this.heap;
    let sinceCheck = 0;
    let ran = 0;
    while (heap.size > 0 && heap.peekTime() <= endUs) {
      if (ran++ >= maxEvents) return 'paused';
      const t = heap.peekTime();
      const s = heap.peekSlot();
      this.nowUs = t;
      this.events += 1;
      const ints = this.slotInts;
      const kind = ints[SLOT * s] as Kind;
      const target = ints[SLOT * s + 1] as number;
      const aux = ints[SLOT * s + 2] as number;
      const bytes = ints[SLOT * s + 3] as number;
      const ref = this.ref[s];
      if (kind !== Kind.Stream) {
        heap.pop();
        this.release(s);
      }
      switch (kind) {
        case Kind.Deliver:
          this.deliver(target, ref as MessageInput, t, bytes);
          break;
        case Kind.Stream: {
          // The stream's next copy takes the place of this one in the heap, under its own (time, seq).
          const fan = ref as FanOut;
          const c = fan.cursor++;
          const last = fan.cursor === fan.count;
          if (!last) heap.replaceTop(fan.times[fan.cursor] as number, fan.seqs[fan.cursor] as number, s);
          else {
            heap.pop();
            this.release(s);
          }
          // Every copy is the send's one input object and counts in one counter: no allocation
          // or map lookup per copy; receivers that never checked a vote on arrival all pay the
          // same to receive it, computed once.
          this.deliveries += 1;
          (fan.counter as { n: number }).n += 1;
          const to = fan.targets[c] as number;
          this.handle(to, fan.input as MessageInput, t, fan.bytes, this.seenVotes.tracks(to) ? -1 : fan.untrackedReceiveUs);
          if (last) this.fanOuts.give(fan);
          break;
        }
        case Kind.Timer:
          if (this.hot[HOT * target + INCARNATION] === aux) this.handle(target, { type: 'timer', timer: ref as Timer }, t, 0);
          break;
        case Kind.Command:
          this.handle(target, { type: 'command', command: ref as Command }, t, 0);
          break;
        case Kind.Action:
          (ref as (nowUs: number) => void)(t);
          break;
      }
      if (++sinceCheck >= 4096) {
        sinceCheck = 0;
        if (shouldStop()) return 'stopped';
      }
    }
    this.nowUs = Math.max(this.nowUs, endUs);
    return 'done';
  }

  private deliver(target: number, input: MessageInput, t: number, bytes: number): void {
    this.deliveries += 1;
    this.counterOf(input.message.type).n += 1;
    this.handle(target, input, t, bytes);
  }

  /** The input every copy of a send is delivered as, in a stream or not: one frozen object (inputs
   *  are read-only), not one per receiver (a vote goes to four validators, 200,000 times a region run). */
  private messageInput(from: number, message: Message): MessageInput {
    return Object.freeze({ type: 'message', from: (this.nodes[from] as SimNode).key, message } as const);
  }

  private counterOf(type: string): { n: number } {
    let count = this.byType.get(type);
    if (count === undefined) this.byType.set(type, (count = { n: 0 }));
    return count;
  }

  /** `receiveUs`: the cost model's charge for receiving `input` at this node, when the caller
   *  knows it (−1: computed here). */
  private handle(index: number, input: Input, arrivalUs: number, receivedBytes: number, receiveUs = -1): void {
    const hot = this.hot;
    const h = HOT * index;
    if (hot[h + UP] !== 1) return;
    const startUs = Math.max(arrivalUs, hot[h + BUSY_UNTIL_US] as number);
    const skewUs = hot[h + SKEW_US] as number;
    const nowMs = NODE_EPOCH_MS + Math.floor((startUs + skewUs) / 1000);
    let result;
    try {
      result = (this.instances[index] as NodeUnderTest).handle(input, nowMs);
    } catch (error) {
      this.observer.onThrow(this.nodes[index] as SimNode, error, input, startUs);
      return;
    }
    this.handled += 1;
    hot[h + HANDLED] = (hot[h + HANDLED] as number) + 1;
    const received = input.type === 'message' ? input.message : null;
    const costUs =
      this.cost.handleBaseUs +
      (receiveUs >= 0 ? receiveUs : receiveCostUs(this.cost, received, receivedBytes, this.seenVotes, index)) +
      (result.ok ? sendCostUs(this.cost, result.output) : 0);
    if (received !== null && received.type === 'VOTE' && result.ok) this.seenVotes.add(index, received.vote.signature);
    const doneUs = startUs + costUs;
    hot[h + BUSY_UNTIL_US] = doneUs;
    if (!result.ok) {
      this.errors += 1;
      this.observer.onError(this.nodes[index] as SimNode, result.error, input, startUs);
      return;
    }
    const out = result.output;
    const effects = out.effects;
    for (let i = 0; i < effects.length; i++) this.observer.onEffect(index, effects[i] as Effect, doneUs);
    const timers = out.timers;
    for (let i = 0; i < timers.length; i++) {
      const tr = timers[i] as (typeof timers)[number];
      const at = Math.max(doneUs, (tr.atMs - NODE_EPOCH_MS) * 1000 - skewUs);
      this.heap.push(at, this.slot(Kind.Timer, index, hot[h + INCARNATION] as number, tr.timer));
    }
    const sends = out.send;
    for (let i = 0; i < sends.length; i++) {
      const o = sends[i] as (typeof sends)[number];
      this.send(index, o.to, o.message, doneUs);
    }
  }

  /** Receiver indices of a frozen recipient list (−1: unknown), by array object. */
  private receivers(to: readonly Hex[]): ArrayLike<number> {
    let indices = this.frozenReceivers.get(to);
    if (indices === undefined) {
      indices = Int32Array.from(to, (key) => this.indexOf.get(key) ?? -1);
      this.frozenReceivers.set(to, indices);
    }
    return indices;
  }

  send(from: number, to: readonly Hex[], message: Message, atUs: number): void {
    this.messages += 1;
    const size = messageSizeBytes(message);
    if (message.type === 'PROPOSAL') this.observer.onProposal?.(from, message.proposal);
    const net = this.network;
    // A node may hand the same frozen list to every send (commit fan-out: ~312 members per
    // block and validator); its keys are then looked up once, not per block.
    const indices = to.length >= FROZEN_RECEIVERS_MIN && Object.isFrozen(to) ? this.receivers(to) : null;
    const fan = to.length >= FAN_OUT_MIN ? this.fanOuts.take(to.length) : null;
    const input = this.messageInput(from, message);
    for (let r = 0; r < to.length; r++) {
      const j = indices === null ? (this.indexOf.get(to[r] as Hex) ?? -1) : (indices[r] as number);
      if (j === -1) {
        this.droppedUnknownReceiver += 1;
        continue;
      }
      const sentUs = net.transmit(from, atUs, size);
      const arrive = net.arrival(from, j, sentUs);
      if (arrive < 0) continue;
      if (fan === null) this.heap.push(arrive, this.slot(Kind.Deliver, j, 0, input, size));
      else fan.add(arrive, 0, j);
    }
    if (fan === null) return;
    if (fan.count === 0) return this.fanOuts.give(fan);
    // The sequence numbers the copies would have had, pushed one by one in receiver order.
    const first = this.heap.reserveSeqs(fan.count);
    for (let i = 0; i < fan.count; i++) fan.seqs[i] = first + i;
    fan.sort();
    fan.input = input;
    fan.counter = this.counterOf(message.type);
    fan.bytes = size;
    fan.untrackedReceiveUs = receiveCostUs(this.cost, message, size);
    this.heap.pushAt(fan.times[0] as number, fan.seqs[0] as number, this.slot(Kind.Stream, -1, 0, fan));
  }
}
