// A member's COMMIT usually outputs only the block's commit effect; the node then returns one frozen
// result per block (reference-node/seal.ts, core.ts Out.committed) instead of allocating an output,
// a result and an effect list per member. Anything added to such an output must still get its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Effect } from '../../contract/index.js';
import { Out } from '../../reference-node/core.js';
import type { CommittedResult } from '../../reference-node/seal.js';
import { buildFixture } from '../support/fixture.js';

const fx = buildFixture();

function commitOf(index: number): { type: 'COMMIT'; block: (typeof fx.committed)[number]['block']; certificate: (typeof fx.committed)[number]['certificate'] } {
  const { block, certificate } = fx.committed[index]!;
  return { type: 'COMMIT', block, certificate };
}

test('two members committing the same block get the same frozen result, holding only its commit effect', () => {
  const [m1, m2] = [fx.fresh(), fx.fresh()];
  const message = commitOf(0);
  const r1 = m1.handle({ type: 'message', from: fx.founders[0]!.publicKey, message }, fx.a.net.nowMs);
  const r2 = m2.handle({ type: 'message', from: fx.founders[0]!.publicKey, message }, fx.a.net.nowMs);
  assert.ok(r1.ok && r2.ok);
  assert.ok(Object.isFrozen(r1) && Object.isFrozen(r1.output) && Object.isFrozen(r1.output.effects));
  assert.equal(r1.output.send, []);
  assert.equal(r1.output.timers, []);
  assert.is(r1.output.effects.length, 1);
  const e = r1.output.effects[0] as Extract<Effect, { type: 'committed' }>;
  assert.is(e.type, 'committed');
  assert.is(e.height, message.block.height);
  assert.is(e.block, message.block);
  // Shared when the two nodes share the sealer's memo (as honest simulated nodes do); equal anyway.
  assert.equal(r2, r1);
  // The next input gets an output of its own: the shared result is never handed out half-filled.
  const r3 = m1.handle({ type: 'message', from: fx.founders[0]!.publicKey, message: commitOf(1) }, fx.a.net.nowMs);
  assert.ok(r3.ok);
  assert.is.not(r3, r1);
  assert.is((r3.output.effects[0] as Extract<Effect, { type: 'committed' }>).height, message.block.height + 1);
});

const effect = (height: number): Extract<Effect, { type: 'committed' }> =>
  ({ type: 'committed', height, hash: `h${height}`, block: {} }) as unknown as Extract<Effect, { type: 'committed' }>;
const shared = (height: number): CommittedResult =>
  Object.freeze({ ok: true as const, output: Object.freeze({ send: Object.freeze([]), timers: Object.freeze([]), effects: Object.freeze([effect(height)] as const) }) });

test('Out: a commit alone is the shared result; a send, timer or effect after it gets lists of its own', () => {
  const one = shared(5);
  const alone = new Out();
  alone.committed(one);
  assert.is(alone.onlyCommitted, one);

  const withSend = new Out();
  withSend.committed(one);
  withSend.to(['k'], { type: 'BLOCK_REQUEST', fromHeight: 1, maxBlocks: 1 });
  assert.is(withSend.onlyCommitted, null);
  withSend.effect(effect(6));
  assert.is(one.output.effects.length, 1, 'the shared list is unchanged');
  assert.equal(withSend.effects.map((e) => (e as { height: number }).height), [5, 6]);

  const withTimer = new Out();
  withTimer.committed(one);
  withTimer.timer({ kind: 'accessLog', height: 0, round: 0 }, 1);
  assert.is(withTimer.onlyCommitted, null);

  const twoBlocks = new Out();
  twoBlocks.committed(one);
  twoBlocks.committed(shared(6));
  assert.is(twoBlocks.onlyCommitted, null);
  assert.equal(twoBlocks.effects.map((e) => (e as { height: number }).height), [5, 6]);
  twoBlocks.committed(shared(7));
  assert.equal(twoBlocks.effects.map((e) => (e as { height: number }).height), [5, 6, 7]);

  const afterOther = new Out();
  afterOther.effect(effect(1));
  afterOther.committed(one);
  assert.is(afterOther.onlyCommitted, null);
  assert.equal(afterOther.effects.map((e) => (e as { height: number }).height), [1, 5]);

  afterOther.clear();
  assert.equal([afterOther.send.length, afterOther.timers.length, afterOther.effects.length], [0, 0, 0]);
  afterOther.effect(effect(2));
  assert.is(one.output.effects.length, 1);
});

test.run();
