// Engine.send: every listed receiver gets one copy per send, whether the list is a fresh array or
// a frozen one the engine remembers receiver indices for; unknown receivers are counted, not lost.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Hex, Input, Message, NodeUnderTest } from '../../contract/index.js';
import { Engine, type SimNode } from '../../harness/sim/engine.js';
import { NetworkModel } from '../../harness/sim/network.js';
import { rngStream } from '../../harness/sim/prng.js';
import { resolveScenario } from '../../harness/scenario/resolve.js';
import { newCryptoCounts } from '../../harness/sim/crypto.js';

const N = 40;
const keyOf = (i: number): Hex => i.toString(16).padStart(64, '0');

function engineWith(received: number[][]): Engine {
  const counts = newCryptoCounts();
  const nodes: SimNode[] = Array.from({ length: N }, (_, index) => {
    const node: NodeUnderTest = {
      publicKey: keyOf(index),
      handle(input: Input) {
        if (input.type === 'message' && input.message.type === 'DECISION') received[index]!.push(input.message.height);
        return { ok: true, output: { send: [], timers: [], effects: [] } };
      },
      query: () => ({}) as never,
      digest: () => '',
    };
    return { index, key: keyOf(index), role: 'founder', honest: true, impl: 'stub', counts, create: () => node, skewUs: 0 };
  });
  const scenario = resolveScenario({ name: 't', nodes: N, durationMs: 1000, treaty: {}, workload: {}, network: { latencyMs: { min: 1, max: 3 } }, faults: [], byzantine: [], costModel: {} });
  const observer = { onEffect() {}, onError() {}, onThrow(_n: SimNode, e: unknown) { throw e; } };
  return new Engine(nodes, new NetworkModel(scenario.network, N, rngStream(1, 'net')), scenario.costModel, observer);
}

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

test.run();
