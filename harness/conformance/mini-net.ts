// A tiny deterministic network used only to *record* vectors: it runs reference nodes in
// virtual time (fixed latency, timers fired at their instant, ties broken by insertion order)
// and logs every input each node handled, with its result. A vector's pre-state and steps are
// slices of one node's log. (harness/sim is the real simulator; this stays small on purpose.)

import type { Command, Effect, HandleResult, Hex, Input, NodeEnv, NodeFactory, NodeUnderTest, Outgoing, TimerRequest } from '../../contract/index.js';
import { envFromSpec } from '../adapters/node-env.js';
import type { VectorNode } from './vector.js';

export interface Logged {
  /** Net-wide order, so logs of several nodes merge back into one sequence. */
  readonly seq: number;
  /** The input handled, or null for a restart (new node, same storage). */
  readonly input: Input | null;
  readonly nowMs: number;
  readonly result: HandleResult;
}

interface Event {
  readonly atMs: number;
  readonly seq: number;
  readonly target: string;
  readonly input: Input;
}

interface Member {
  readonly spec: VectorNode;
  node: NodeUnderTest;
  env: NodeEnv;
  readonly log: Logged[];
}

export interface MiniNetOptions {
  readonly startMs: number;
  readonly latencyMs?: number;
  /** Guard against a run that never settles. */
  readonly maxEvents?: number;
}

export class MiniNet {
  readonly members = new Map<string, Member>();
  private readonly byKey = new Map<Hex, string>();
  private queue: Event[] = [];
  private seq = 0;
  private events = 0;
  private logged = 0;
  nowMs: number;
  private readonly latencyMs: number;
  private readonly maxEvents: number;
  /** Name of the implementation recording (digests in vectors are its digests). */
  readonly implementation: string;
  /** Nodes cut off from the network (their sends are dropped, nothing is delivered to them). */
  readonly offline = new Set<string>();

  constructor(
    private readonly factory: NodeFactory,
    specs: readonly VectorNode[],
    options: MiniNetOptions,
  ) {
    this.nowMs = options.startMs;
    this.implementation = factory.implementation.name;
    this.latencyMs = options.latencyMs ?? 5;
    this.maxEvents = options.maxEvents ?? 200_000;
    for (const spec of specs) {
      const env = envFromSpec({ instance: spec.name, config: spec.config, secretKey: spec.secretKey, rngSeed: spec.rngSeed, ...(spec.sharing ? { sharing: spec.sharing } : {}) });
      const node = factory.create(spec.config, env);
      this.members.set(spec.name, { spec, node, env, log: [] });
      this.byKey.set(node.publicKey, spec.name);
    }
  }

  member(name: string): Member {
    const m = this.members.get(name);
    if (!m) throw new Error(`mini-net: no node '${name}'`);
    return m;
  }

  keyOf(name: string): Hex {
    return this.member(name).node.publicKey;
  }

  nameOf(key: Hex): string | undefined {
    return this.byKey.get(key);
  }

  private push(event: Omit<Event, 'seq'>): void {
    const e = { ...event, seq: this.seq++ };
    // Binary search for the insertion point keeps (atMs, seq) order.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid]!;
      if (q.atMs < e.atMs || (q.atMs === e.atMs && q.seq < e.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, e);
  }

  /** Hands an input to a node now, logs it and routes its output. */
  deliver(target: string, input: Input): HandleResult {
    const m = this.member(target);
    const result = m.node.handle(input, this.nowMs);
    m.log.push({ seq: this.logged++, input, nowMs: this.nowMs, result });
    if (result.ok) this.route(target, result.output.send, result.output.timers);
    return result;
  }

  /** The node crashes and restarts: a new instance with the old one's storage; queued timers still fire. */
  restart(target: string): void {
    const m = this.member(target);
    const s = m.spec;
    m.env = { ...envFromSpec({ instance: s.name, config: s.config, secretKey: s.secretKey, rngSeed: s.rngSeed, ...(s.sharing ? { sharing: s.sharing } : {}) }), storage: m.env.storage };
    m.node = this.factory.create(s.config, m.env);
    m.log.push({ seq: this.logged++, input: null, nowMs: this.nowMs, result: { ok: true, output: { send: [], timers: [], effects: [] } } });
  }

  command(target: string, command: Command): HandleResult {
    return this.deliver(target, { type: 'command', command });
  }

  private route(from: string, send: readonly Outgoing[], timers: readonly TimerRequest[]): void {
    for (const t of timers) this.push({ atMs: Math.max(t.atMs, this.nowMs), target: from, input: { type: 'timer', timer: t.timer } });
    if (this.offline.has(from)) return;
    const fromKey = this.keyOf(from);
    for (const out of send) {
      for (const to of out.to) {
        const target = this.byKey.get(to);
        if (target === undefined || this.offline.has(target)) continue;
        this.push({ atMs: this.nowMs + this.latencyMs, target, input: { type: 'message', from: fromKey, message: out.message } });
      }
    }
  }

  /** Processes events in order until `until` holds (checked after each event) or `untilMs` passes. */
  run(untilMs: number, until?: () => boolean): boolean {
    for (;;) {
      if (until?.()) return true;
      const next = this.queue[0];
      if (!next || next.atMs > untilMs) {
        this.nowMs = Math.max(this.nowMs, untilMs);
        return until ? until() : true;
      }
      this.queue.shift();
      this.nowMs = next.atMs;
      if (++this.events > this.maxEvents) throw new Error(`mini-net: more than ${this.maxEvents} events`);
      if (this.offline.has(next.target) && next.input.type === 'message') continue;
      this.deliver(next.target, next.input);
    }
  }

  /** Runs until some logged effect of `name` satisfies `pred` (within `forMs`); throws if it never does. */
  runUntilEffect(name: string, pred: (e: Effect) => boolean, forMs: number, what: string): Effect {
    const log = this.member(name).log;
    let seen = log.length;
    let found: Effect | undefined;
    this.run(this.nowMs + forMs, () => {
      for (; seen < log.length && !found; seen++) {
        const r = log[seen]!.result;
        if (r.ok) found = r.output.effects.find(pred);
      }
      return found !== undefined;
    });
    if (!found) throw new Error(`mini-net: ${name} never saw ${what} within ${forMs} ms`);
    return found;
  }
}
