import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { EventHeap } from '../../harness/sim/heap.js';
import { rngStream, Xoshiro128 } from '../../harness/sim/prng.js';

test('heap pops in (time, insertion) order for any input (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
      const h = new EventHeap(2);
      times.forEach((t, i) => h.push(t, i));
      const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((e) => e.i);
      const got: number[] = [];
      while (h.size > 0) got.push(h.pop());
      assert.equal(got, expected);
    }),
  );
});

test('heap: pushes and pops interleaved match a sorted-list model (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(-1)), { maxLength: 400 }), (ops) => {
      const h = new EventHeap(1);
      const model: { t: number; seq: number }[] = [];
      let seq = 0;
      for (const op of ops) {
        if (op >= 0) {
          h.push(op, seq);
          model.push({ t: op, seq: seq++ });
          continue;
        }
        model.sort((a, b) => a.t - b.t || a.seq - b.seq);
        const want = model.shift();
        assert.is(h.peekTime(), want === undefined ? Infinity : want.t);
        assert.is(h.pop(), want === undefined ? -1 : want.seq);
        assert.is(h.size, model.length);
      }
    }),
  );
});

test('heap: replaceTop pops in the same order as pop then pushAt with the same (time, seq) (property)', () => {
  // op ≥ 0: push at that time; -1: pop; -2 - d: replace the top with a copy d µs later (a stream's next copy).
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(-1), fc.integer({ min: -12, max: -2 })), { maxLength: 400 }), (ops) => {
      const a = new EventHeap(1);
      const b = new EventHeap(1);
      let slot = 0;
      for (const op of ops) {
        if (op >= 0) {
          a.push(op, slot);
          b.push(op, slot++);
        } else if (op === -1) {
          assert.is(a.pop(), b.pop());
        } else if (a.size > 0) {
          const t = a.peekTime() + (-2 - op);
          const seq = a.reserveSeqs(1);
          b.reserveSeqs(1);
          assert.is(a.peekSlot(), b.peekSlot());
          a.replaceTop(t, seq, slot);
          b.pop();
          b.pushAt(t, seq, slot++);
        }
        assert.is(a.size, b.size);
        assert.is(a.peekTime(), b.peekTime());
        assert.is(a.peekSlot(), b.peekSlot());
      }
      while (a.size > 0) assert.is(a.pop(), b.pop());
    }),
  );
});

test('heap: empty pop is -1 and peekTime Infinity', () => {
  const h = new EventHeap();
  assert.is(h.pop(), -1);
  assert.is(h.peekTime(), Infinity);
});

test('xoshiro128**: fixed outputs for a seed (same on every machine), streams independent', () => {
  const a = rngStream(42, 'network');
  const first = [a.nextU32(), a.nextU32(), a.nextU32()];
  const again = rngStream(42, 'network');
  assert.equal([again.nextU32(), again.nextU32(), again.nextU32()], first);
  // Pinned values: a change here changes every run's head hash.
  assert.equal(first, [3180361747, 770904374, 3305662617]);
  const b = rngStream(42, 'workload');
  assert.not.equal([b.nextU32(), b.nextU32(), b.nextU32()], first);
  for (const x of first) assert.ok(Number.isInteger(x) && x >= 0 && x < 2 ** 32);
});

test('xoshiro128**: below(n) stays in range and is roughly uniform', () => {
  const r = new Xoshiro128(7, 1);
  const counts = new Array(10).fill(0) as number[];
  for (let i = 0; i < 20_000; i++) {
    const x = r.below(10);
    assert.ok(x >= 0 && x < 10);
    counts[x] = (counts[x] as number) + 1;
  }
  for (const c of counts) assert.ok(c > 1_700 && c < 2_300, `bucket ${c}`);
  fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (lo, span) => {
    const v = r.between(lo, lo + span);
    return v >= lo && v <= lo + span;
  }));
});

test.run();
