// Engine.send: every listed receiver gets one copy per send, whether the list is a fresh array or
// a frozen one the engine remembers receiver indices for; unknown receivers are counted, not lost.
// A large send travels as one stream (fan-out.ts), and its copies arrive in exactly the order and
// at exactly the times they would as copies pushed one by one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Hex, Input, Message, NodeUnderTest } from '../../contract/index.js';
import { Engine, type SimNode } from '../../harness/sim/engine.js';
import { NetworkModel } from '../../harness/sim/network.js';
import { rngStream } from '../../harness/sim/prng.js';
import { resolveScenario } from '../../harness/scenario/resolve.js';
import { newCryptoCounts } from '../../harness/sim/crypto.js';
import { FanOutPool } from '../../harness/sim/fan-out.js';
import fc from 'fast-check';

const N = 40;
const keyOf = (i: number): Hex => i.toString(16).padStart(64, '0');

function engineWith(received: number[][], log: { node: number; height: number; nowMs: number }[] = [], inputs: Input[] = []): Engine {
  const counts = newCryptoCounts();
  const nodes: SimNode[] = Array.from({ length: N }, (_, index) => {
    const node: NodeUnderTest = {
      publicKey: keyOf(index),
      handle(input: Input, nowMs: number) {
        if (input.type === 'message' && input.message.type === 'DECISION') {
          inputs.push(input);
          received[index]!.push(input.message.height);
          log.push({ node: index, height: input.message.height, nowMs });
        }
        return { ok: true, output: { send: [], timers: [], effects: [] } };
      },
      query: () => ({}) as never,
      digest: () => '',
    };
    return { index, key: keyOf(index), role: 'founder', honest: true, impl: 'stub', counts, create: () => node, skewUs: 0 };
  });
  const observer = { onEffect() {}, onError() {}, onThrow(_n: SimNode, e: unknown) { throw e; } };
  return new Engine(nodes, new NetworkModel(scenario.network, N, rngStream(1, 'net')), scenario.costModel, observer);
}

const scenario = resolveScenario({ name: 't', nodes: N, durationMs: 1000, treaty: {}, workload: {}, network: { latencyMs: { min: 1, max: 9 }, jitterMs: 3, bandwidthBytesPerSec: 2_000_000 }, faults: [], byzantine: [], costModel: {} });

const decision = (height: number): Message => ({ type: 'DECISION', requestId: keyOf(999), outcome: 'allowed', allows: 1, eligible: 1, height, blockHash: keyOf(998) });

for (const frozen of [false, true]) {
  test(`${frozen ? 'a frozen' : 'a fresh'} list of 30 receivers, one unknown, sent twice: one copy each per send`, () => {
    const received = Array.from({ length: N }, () => [] as number[]);
    const engine = engineWith(received);
    const list = [...Array.from({ length: 29 }, (_, i) => keyOf(i + 5)), keyOf(5000)];
    const to = frozen ? Object.freeze(list) : list;
    engine.send(0, to, decision(1), 0);
    engine.send(1, frozen ? to : [...list], decision(2), 0);
    engine.run(1_000_000);
    for (let i = 0; i < N; i++) assert.equal(received[i]!.sort(), i >= 5 && i < 34 ? [1, 2] : [], `node ${i}`);
    assert.is(engine.stats.droppedUnknownReceiver, 2);
  });
}

for (const receivers of [3, 20]) {
  test(`a send to ${receivers} receivers reaches them as one frozen input, naming the sender`, () => {
    const inputs: Input[] = [];
    const engine = engineWith(Array.from({ length: N }, () => []), [], inputs);
    engine.send(7, Array.from({ length: receivers }, (_, i) => keyOf(i + 10)), decision(3), 0);
    engine.send(8, [keyOf(1), keyOf(2)], decision(4), 0);
    engine.run(1_000_000);
    const first = inputs.filter((x) => x.type === 'message' && x.message.type === 'DECISION' && x.message.height === 3);
    assert.is(first.length, receivers);
    assert.ok(first.every((x) => x === first[0]) && Object.isFrozen(first[0]), 'one frozen object for every copy');
    assert.is(first[0]?.type === 'message' && first[0].from, keyOf(7));
    const second = inputs.filter((x) => x.type === 'message' && x.message.type === 'DECISION' && x.message.height === 4);
    assert.is(second.length, 2);
    assert.ok(second[0] !== first[0] && second[0] === second[1] && second[0]?.type === 'message' && second[0].from === keyOf(8), 'another send, another input');
  });
}

test('a stream delivers each copy when, and in the order, separate copies would arrive', () => {
  const log: { node: number; height: number; nowMs: number }[] = [];
  const engine = engineWith(Array.from({ length: N }, () => []), log);
  // Two overlapping fan-outs and a single copy between them, all racing on jittered links.
  const many = Array.from({ length: 35 }, (_, i) => keyOf(N - 1 - i));
  engine.send(0, many, decision(1), 0);
  engine.send(2, [keyOf(7)], decision(2), 10);
  engine.send(1, [...many].reverse(), decision(3), 20);
  engine.run(10_000_000);
  // The same network, copy by copy, in send order: (arrival, order of the push) sorts the events.
  const net = new NetworkModel(scenario.network, N, rngStream(1, 'net'));
  const expected: { node: number; height: number; at: number; seq: number }[] = [];
  const copies: [number, number[], number, number][] = [
    [0, many.map((k) => parseInt(k, 16)), 1, 0],
    [2, [7], 2, 10],
    [1, [...many].reverse().map((k) => parseInt(k, 16)), 3, 20],
  ];
  let seq = 0;
  for (const [from, to, height, atUs] of copies) {
    const bytes = JSON.stringify(decision(height)).length;
    for (const j of to) {
      const arrive = net.arrival(from, j, net.transmit(from, atUs, bytes));
      expected.push({ node: j, height, at: arrive, seq: seq++ });
    }
  }
  expected.sort((a, b) => a.at - b.at || a.seq - b.seq);
  assert.equal(
    log.map((l) => [l.node, l.height]),
    expected.map((e) => [e.node, e.height]),
  );
  assert.is(log.length, 71);
});

test('FanOut.sort orders copies by (time, seq) and keeps each copy whole, integer times or not, in fan-outs reused from the pool (property)', () => {
  const time = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(0.5, 7.25, 2 ** 50));
  const pool = new FanOutPool();
  fc.assert(
    fc.property(fc.array(fc.tuple(time, fc.integer({ min: 0, max: 1000 })), { maxLength: 200 }), (copies) => {
      const fan = pool.take(copies.length);
      assert.is(fan.count, 0);
      assert.ok(fan.capacity >= copies.length);
      copies.forEach(([t, target], i) => fan.add(t, i, target));
      fan.sort();
      const want = copies.map(([t, target], i) => [t, i, target]).sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
      assert.equal(Array.from({ length: fan.count }, (_, i) => [fan.times[i], fan.seqs[i], fan.targets[i]]), want);
      fan.input = {};
      fan.untrackedReceiveUs = 5;
      pool.give(fan);
    }),
  );
  const again = pool.take(3);
  assert.equal([again.input, again.untrackedReceiveUs, again.cursor], [null, 0, 0], 'a reused fan-out starts empty');
});

test.run();
