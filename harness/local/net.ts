// A small deterministic in-memory network for tests and the built-in demo: a (time, seq) heap of
// deliveries and timers, seeded latency, partitions and crashes. The scenario engine
// (harness/sim/) is the scalable one; this one favours being easy to read.

import type { Command, Effect, Hex, Input, Message, NodeError, NodeUnderTest } from '../../contract/index.js';
import { Sfc32 } from './prng.js';

interface Event {
  readonly atMs: number;
  readonly seq: number;
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
  private readonly heap: Event[] = [];
  private seq = 0;
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
    this.push({ atMs, seq: this.seq++, to, input: { type: 'command', command } });
  }

  inject(to: Hex, from: Hex, message: Message, atMs: number = this.nowMs): void {
    this.push({ atMs, seq: this.seq++, to, input: { type: 'message', from, message } });
  }

  /** Runs events until `untilMs` or until `stop` holds; returns the number of events run. */
  run(untilMs: number, stop?: () => boolean, eventsMax = 5_000_000): number {
    let n = 0;
    while (this.heap.length > 0 && n < eventsMax) {
      const top = this.heap[0] as Event;
      if (top.atMs > untilMs) break;
      this.pop();
      this.nowMs = top.atMs;
      this.step(top);
      n++;
      if (stop?.()) break;
    }
    if (this.heap.length === 0 || (this.heap[0] as Event).atMs > untilMs) this.nowMs = Math.max(this.nowMs, untilMs);
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
    for (const t of timers) this.push({ atMs: Math.max(t.atMs, ev.atMs), seq: this.seq++, to: ev.to, input: { type: 'timer', timer: t.timer } });
    for (const s of send) {
      for (const to of s.to) {
        const messages = this.options.outgoing ? this.options.outgoing(ev.to, to, s.message) : [s.message];
        for (const message of messages) {
          const atMs = ev.atMs + this.rng.intIn(this.latency[0], this.latency[1]);
          if (this.options.canDeliver && !this.options.canDeliver(ev.to, to, atMs, message)) continue;
          this.delivered++;
          this.push({ atMs, seq: this.seq++, to, input: { type: 'message', from: ev.to, message } });
        }
      }
    }
  }

  private less(a: Event, b: Event): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private push(ev: Event): void {
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Event, h[p] as Event)) break;
      [h[i], h[p]] = [h[p] as Event, h[i] as Event];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop() as Event;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as Event, h[m] as Event)) m = l;
      if (r < h.length && this.less(h[r] as Event, h[m] as Event)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as Event, h[i] as Event];
      i = m;
    }
  }

  effectsOf<T extends Effect['type']>(type: T): (Recorded & { effect: Extract<Effect, { type: T }> })[] {
    return this.effects.filter((r) => r.effect.type === type) as (Recorded & { effect: Extract<Effect, { type: T }> })[];
  }
}
