// The crypto-ahead slot table: a job is done once, by whoever claims it first, and a slot reused
// after the ring wraps never takes a late result meant for its previous job.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AheadRing, SlotState } from '../../harness/run/ahead-ring.js';

const workerClaims = (ring: AheadRing<string>, slot: number, word: number): boolean =>
  Atomics.compareExchange(ring.state, slot, word | SlotState.Pending, word | SlotState.Working) === (word | SlotState.Pending);

test('a pending job is the main thread\'s to do; the worker then skips it', () => {
  const ring = new AheadRing<string>(4);
  const at = ring.add('a', 'job-a')!;
  assert.is(ring.take('a', () => true).taken, 'main');
  assert.not.ok(workerClaims(ring, at.slot, at.word), 'already claimed by main');
});

test('a job the worker finished is taken with its verdict, once', () => {
  const ring = new AheadRing<string>(4);
  const at = ring.add('a', 'job-a')!;
  assert.ok(workerClaims(ring, at.slot, at.word));
  Atomics.store(ring.state, at.slot, at.word | SlotState.Bad);
  assert.is(ring.queued, 1);
  assert.equal(ring.take('a', () => true), { taken: 'worker', slot: at.slot, ok: false });
  assert.is(ring.queued, 0, 'nothing left to look up');
  assert.is(ring.take('a', () => true).taken, 'unknown', 'taken once');
});

test('a queued key is not queued twice; a job whose inputs differ is not used', () => {
  const ring = new AheadRing<string>(4);
  assert.ok(ring.add('a', 'job-a'));
  assert.is(ring.add('a', 'job-a'), null);
  assert.is(ring.take('a', (j) => j === 'other').taken, 'unknown');
});

test('after the ring wraps, old jobs are forgotten and a late worker cannot write into the reused slot', () => {
  const ring = new AheadRing<string>(2);
  const first = ring.add('a', 'job-a')!;
  ring.add('b', 'job-b');
  const third = ring.add('c', 'job-c')!; // reuses the first slot, next generation
  assert.is(third.slot, first.slot);
  assert.is.not(third.word, first.word);
  assert.is(ring.take('a', () => true).taken, 'unknown', 'forgotten');
  assert.not.ok(workerClaims(ring, first.slot, first.word), 'the late worker sees another generation');
  assert.is(ring.take('c', () => true).taken, 'main');
});

test.run();
