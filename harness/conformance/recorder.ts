// Turns a MiniNet recording into a Vector: the nodes under test's inputs before `mark()` are the
// pre-state, the ones after are the steps. Steps injected by the check carry the check's own
// expectation (from SPEC.md); recorded steps only carry ok-vs-error. Digests come from the
// reference node that did the recording.

import type { DataOp } from '../adapters/adapter.js';
import type { Hex, Input } from '../../contract/index.js';
import type { MiniNet } from './mini-net.js';
import { VECTOR_FORMAT, VECTOR_FORMAT_VERSION, type Eventually, type Head, type Step, type StepExpectation, type Vector, type VectorRequires } from './vector.js';

export interface VectorMeta {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly string[];
  readonly requires: VectorRequires;
  readonly eventually?: readonly Eventually[];
}

export class Recorder {
  private markAt: Map<string, number> | undefined;
  private preDigests: Record<string, Hex> = {};
  private preHeads: Record<string, Head> = {};
  /** Node pairs whose digests the vector requires equal. */
  readonly sameDigest: [string, string][] = [];
  private readonly twins: [string, string][] = [];
  /** Crafted steps: node → log index → expectation and note. */
  private readonly crafted = new Map<string, Map<number, { expect: StepExpectation; note?: string }>>();
  /** Data operations are not node inputs: they are kept here with their log position. */
  private readonly dataSteps: { node: string; afterSeq: number; nowMs: number; data?: DataOp; expect: StepExpectation; note?: string; order: number }[] = [];

  constructor(
    readonly net: MiniNet,
    readonly underTest: readonly string[],
  ) {}

  /** Everything the nodes under test handled so far becomes the pre-state. */
  mark(): void {
    this.markAt = new Map(this.underTest.map((n) => [n, this.net.member(n).log.length]));
    this.preDigests = Object.fromEntries(this.underTest.map((n) => [n, this.net.member(n).node.digest()]));
    this.preHeads = this.heads();
  }

  /** Delivers a crafted input to a node under test now; the vector expects `expect` of it. */
  inject(node: string, input: Input, expect: StepExpectation, note?: string): void {
    const log = this.net.member(node).log;
    const index = log.length;
    this.net.deliver(node, input);
    let mine = this.crafted.get(node);
    if (!mine) this.crafted.set(node, (mine = new Map()));
    mine.set(index, note === undefined ? { expect } : { expect, note });
  }

  /** Runs a data operation on a node under test (recorded as a step with `expect`). */
  data(node: string, op: DataOp, expect: StepExpectation, note?: string): unknown {
    const data = this.net.member(node).node.data;
    if (!data) throw new Error(`recorder: node ${node} has no data operations`);
    const result = op.op === 'ingest' ? data.ingest(op.readings) : op.op === 'clean' ? data.clean() : op.op === 'market' ? data.cleanMarket?.(op.bids, op.trades) : { records: data.query(op.label) };
    const log = this.net.member(node).log;
    const afterSeq = log.length > 0 ? log[log.length - 1]!.seq : -1;
    this.dataSteps.push({ node, afterSeq, nowMs: this.net.nowMs, data: op, expect, order: this.dataSteps.length, ...(note === undefined ? {} : { note }) });
    return result;
  }

  /** An observation step: `expect.query` is checked against the node's state at this point. */
  observe(node: string, query: unknown, note?: string): void {
    const log = this.net.member(node).log;
    const afterSeq = log.length > 0 ? log[log.length - 1]!.seq : -1;
    this.dataSteps.push({ node, afterSeq, nowMs: this.net.nowMs, expect: { query }, order: this.dataSteps.length, ...(note === undefined ? {} : { note }) });
  }

  private heads(): Record<string, Head> {
    return Object.fromEntries(
      this.underTest.map((n) => {
        const v = this.net.member(n).node.query();
        return [n, { height: v.height, headHash: v.headHash }];
      }),
    );
  }

  /** Adds node `name`, a copy of `of` given exactly the same steps; their digests must agree (SPEC MOD-004). */
  twin(of: string, name: string): void {
    this.twins.push([of, name]);
    this.sameDigest.push([of, name]);
  }

  private withTwins(vector: Vector): Vector {
    if (this.twins.length === 0) return vector;
    const copies = (steps: readonly Step[]): Step[] =>
      steps.flatMap((st) => [st, ...this.twins.filter(([of]) => of === st.node).map(([, name]) => ({ ...st, node: name }))]);
    const dup = <T>(rec: Readonly<Record<string, T>>): Record<string, T> => {
      const out: Record<string, T> = { ...rec };
      for (const [of, name] of this.twins) if (rec[of] !== undefined) out[name] = rec[of]!;
      return out;
    };
    const nodes = [...vector.nodes, ...this.twins.map(([of, name]) => ({ ...vector.nodes.find((n) => n.name === of)!, name }))];
    return {
      ...vector,
      nodes,
      preState: copies(vector.preState),
      steps: copies(vector.steps),
      preStateHeads: dup(vector.preStateHeads),
      expectedHeads: dup(vector.expectedHeads),
      preStateDigests: dup(vector.preStateDigests),
      expectedDigests: dup(vector.expectedDigests),
    };
  }

  build(meta: VectorMeta): Vector {
    return this.withTwins(this.buildPlain(meta));
  }

  private buildPlain(meta: VectorMeta): Vector {
    const markAt = this.markAt ?? new Map(this.underTest.map((n) => [n, 0]));
    const pre: { seq: number; step: Step }[] = [];
    const steps: { seq: number; step: Step }[] = [];
    for (const node of this.underTest) {
      const cut = markAt.get(node) ?? 0;
      this.net.member(node).log.forEach((entry, i) => {
        const recorded = entry.result.ok ? 'ok' : 'error';
        const crafted = this.crafted.get(node)?.get(i);
        const step: Step = entry.input === null
          ? { node, nowMs: entry.nowMs, restart: true }
          : {
              node,
              nowMs: entry.nowMs,
              input: entry.input,
              expect: crafted ? crafted.expect : { result: recorded },
              ...(crafted?.note === undefined ? {} : { note: crafted.note }),
            };
        (i < cut ? pre : steps).push({ seq: entry.seq, step });
      });
    }
    for (const d of this.dataSteps) {
      const step: Step = { node: d.node, nowMs: d.nowMs, ...(d.data ? { data: d.data } : {}), expect: d.expect, ...(d.note === undefined ? {} : { note: d.note }) };
      // Data steps sort just after the input they followed (fractional seq keeps their order).
      steps.push({ seq: d.afterSeq + 0.5 + d.order / 1e6, step });
    }
    const bySeq = (a: { seq: number }, b: { seq: number }): number => a.seq - b.seq;
    const nodes = this.underTest.map((n) => this.net.member(n).spec);
    return {
      format: VECTOR_FORMAT,
      version: VECTOR_FORMAT_VERSION,
      id: meta.id,
      title: meta.title,
      requirements: meta.requirements,
      requires: meta.requires,
      nodes,
      preState: pre.sort(bySeq).map((s) => s.step),
      steps: steps.sort(bySeq).map((s) => s.step),
      eventually: meta.eventually ?? [],
      preStateHeads: this.markAt ? this.preHeads : {},
      expectedHeads: this.heads(),
      sameDigest: this.sameDigest,
      digestsOf: this.net.implementation,
      preStateDigests: this.markAt ? this.preDigests : {},
      expectedDigests: Object.fromEntries(this.underTest.map((n) => [n, this.net.member(n).node.digest()])),
    };
  }
}
