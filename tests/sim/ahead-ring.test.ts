// The crypto-ahead slot table: a job is done once, by whoever claims it first, and a slot reused
// after the ring wraps never takes a late result meant for its previous job.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AheadRing, SlotState } from '../../harness/run/ahead-ring.js';
import { signatureKey, signJobKey } from '../../harness/run/job-keys.js';

const workerClaims = (ring: AheadRing<string>, slot: number, word: number): boolean =>
  Atomics.compareExchange(ring.state, slot, word | SlotState.Pending, word | SlotState.Working) === (word | SlotState.Pending);

test('a pending job is the main thread\'s to do; the worker then skips it', () => {
  const ring = new AheadRing<string>(4);
  const at = ring.add(1, 'job-a')!;
  assert.is(ring.take(1, () => true).taken, 'main');
  assert.not.ok(workerClaims(ring, at.slot, at.word), 'already claimed by main');
});

test('a job the worker finished is taken with its verdict, once', () => {
  const ring = new AheadRing<string>(4);
  const at = ring.add(1, 'job-a')!;
  assert.ok(workerClaims(ring, at.slot, at.word));
  Atomics.store(ring.state, at.slot, at.word | SlotState.Bad);
  assert.is(ring.queued, 1);
  assert.equal(ring.take(1, () => true), { taken: 'worker', slot: at.slot, ok: false });
  assert.is(ring.queued, 0, 'nothing left to look up');
  assert.is(ring.take(1, () => true).taken, 'unknown', 'taken once');
});

test('a queued key is not queued twice; a job whose inputs differ is not used', () => {
  const ring = new AheadRing<string>(4);
  assert.ok(ring.add(1, 'job-a'));
  assert.is(ring.add(1, 'job-a'), null);
  assert.is(ring.take(1, (j) => j === 'other').taken, 'unknown');
});

test('after the ring wraps, old jobs are forgotten and a late worker cannot write into the reused slot', () => {
  const ring = new AheadRing<string>(2);
  const first = ring.add(1, 'job-a')!;
  ring.add(2, 'job-b');
  const third = ring.add(3, 'job-c')!; // reuses the first slot, next generation
  assert.is(third.slot, first.slot);
  assert.is.not(third.word, first.word);
  assert.is(ring.take(1, () => true).taken, 'unknown', 'forgotten');
  assert.not.ok(workerClaims(ring, first.slot, first.word), 'the late worker sees another generation');
  assert.is(ring.take(3, () => true).taken, 'main');
});

test('job keys: exact in doubles, different for different inputs, negative (never queued) for no signature', () => {
  const sig = (b: number) => Uint8Array.from({ length: 64 }, (_, i) => (b * 31 + i * 7) & 0xff);
  const keys = new Set(Array.from({ length: 256 }, (_, b) => signatureKey(sig(b))));
  assert.is(keys.size, 256);
  for (const k of keys) assert.ok(Number.isSafeInteger(k) && k >= 0);
  assert.is(signatureKey(new Uint8Array(0)), -1);
  const ring = new AheadRing<string>(4);
  assert.is(ring.add(-1, 'job'), null, 'a negative key is refused');
  const payload = new TextEncoder().encode('{"allianceId":"a","allow":true,"requestId":"00","voter":"11"}');
  const other = new TextEncoder().encode('{"allianceId":"a","allow":true,"requestId":"01","voter":"11"}');
  const sk = new Uint8Array(32).fill(5);
  const sk2 = new Uint8Array(32).fill(6);
  assert.is(signJobKey(sk, payload), signJobKey(sk.slice(), payload.slice()), 'a function of the bytes');
  assert.is.not(signJobKey(sk, payload), signJobKey(sk, other));
  assert.is.not(signJobKey(sk, payload), signJobKey(sk2, payload));
  assert.ok(Number.isSafeInteger(signJobKey(sk, payload)));
});

test.run();
