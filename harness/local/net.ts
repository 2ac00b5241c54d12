// A small deterministic in-memory network for tests and the built-in demo: the simulator's heap of
// deliveries and timers, seeded latency, partitions and crashes. The scenario engine
// (harness/sim/) is the scalable one; this one favours being easy to read.

import type { Command, Effect, Hex, Input, Message, NodeError, NodeUnderTest } from '../../contract/index.js';
import { EventHeap } from '../sim/heap.js';
import { Sfc32 } from './prng.js';

interface Event {
  readonly atMs: number;
  readonly to: Hex;
  readonly input: Input;
}

export interface NetOptions {
  readonly seed: number;
  readonly latencyMs?: readonly [number, number];
  /** Called for every delivery; false drops the message (partitions, loss). */
  readonly canDeliver?: (from: Hex, to: Hex, atMs: number, message: Message) => boolean;
  /** Rewrites or multiplies what a node sends (Byzantine behaviour). */
  readonly outgoing?: (from: Hex, to: Hex, message: Message) => readonly Message[];
}

export interface Recorded {
  readonly atMs: number;
  readonly node: Hex;
  readonly effect: Effect;
}

export class LocalNet {
  readonly nodes = new Map<Hex, NodeUnderTest>();
  readonly crashed = new Set<Hex>();
  readonly effects: Recorded[] = [];
  readonly errors: { atMs: number; node: Hex; error: NodeError; input: Input }[] = [];
  /** height → hash committed, per node. */
  readonly commits = new Map<Hex, Map<number, Hex>>();
  nowMs = 0;
  delivered = 0;
  /** (time, insertion) order, as in the scenario engine; events live in slots the heap points at. */
  private readonly heap = new EventHeap();
  private readonly events: (Event | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly rng: Sfc32;
  private readonly latency: readonly [number, number];

  constructor(private readonly options: NetOptions) {
    this.rng = new Sfc32(options.seed, 1);
    this.latency = options.latencyMs ?? [5, 40];
  }

  add(node: NodeUnderTest): void {
    this.nodes.set(node.publicKey, node);
    this.commits.set(node.publicKey, new Map());
  }

  /** Replaces a node (a restart with the same storage), dropping nothing already queued. */
  replace(node: NodeUnderTest): void {
    this.nodes.set(node.publicKey, node);
    this.crashed.delete(node.publicKey);
  }

  command(to: Hex, command: Command, atMs: number = this.nowMs): void {
    this.push({ atMs, to, input: { type: 'command', command } });
  }

  inject(to: Hex, from: Hex, message: Message, atMs: number = this.nowMs): void {
    this.push({ atMs, to, input: { type: 'message', from, message } });
  }

  /** Runs events until `untilMs` or until `stop` holds; returns the number of events run. */
  run(untilMs: number, stop?: () => boolean, eventsMax = 5_000_000): number {
    let n = 0;
    while (this.heap.size > 0 && n < eventsMax) {
      if (this.heap.peekTime() > untilMs) break;
      const top = this.pop();
      this.nowMs = top.atMs;
      this.step(top);
      n++;
      if (stop?.()) break;
    }
    if (this.heap.peekTime() > untilMs) this.nowMs = Math.max(this.nowMs, untilMs);
    return n;
  }

  private step(ev: Event): void {
    if (this.crashed.has(ev.to)) return;
    const node = this.nodes.get(ev.to);
    if (!node) return;
    const result = node.handle(ev.input, ev.atMs);
    if (!result.ok) {
      this.errors.push({ atMs: ev.atMs, node: ev.to, error: result.error, input: ev.input });
      return;
    }
    const { send, timers, effects } = result.output;
    for (const effect of effects) {
      this.effects.push({ atMs: ev.atMs, node: ev.to, effect });
      if (effect.type === 'committed') this.commits.get(ev.to)?.set(effect.height, effect.hash);
    }
    for (const t of timers) this.push({ atMs: Math.max(t.atMs, ev.atMs), to: ev.to, input: { type: 'timer', timer: t.timer } });
    for (const s of send) {
      for (const to of s.to) {
        const messages = this.options.outgoing ? this.options.outgoing(ev.to, to, s.message) : [s.message];
        for (const message of messages) {
          const atMs = ev.atMs + this.rng.intIn(this.latency[0], this.latency[1]);
          if (this.options.canDeliver && !this.options.canDeliver(ev.to, to, atMs, message)) continue;
          this.delivered++;
          this.push({ atMs, to, input: { type: 'message', from: ev.to, message } });
        }
      }
    }
  }

  private push(ev: Event): void {
    const slot = this.free.pop() ?? this.events.length;
    this.events[slot] = ev;
    this.heap.push(ev.atMs, slot);
  }

  private pop(): Event {
    const slot = this.heap.pop();
    const ev = this.events[slot] as Event;
    this.events[slot] = undefined;
    this.free.push(slot);
    return ev;
  }

  effectsOf<T extends Effect['type']>(type: T): (Recorded & { effect: Extract<Effect, { type: T }> })[] {
    return this.effects.filter((r) => r.effect.type === type) as (Recorded & { effect: Extract<Effect, { type: T }> })[];
  }
}
