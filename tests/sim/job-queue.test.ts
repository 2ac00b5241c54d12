// The crypto-ahead job queue hands the worker exactly the jobs queued, in order, across the
// ring's wrap, refuses jobs when full, and the worker writes each result into its own slot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { SlotState } from '../../harness/run/ahead-ring.js';
import { createQueueBuffers, JobKind, JobQueueReader, JobQueueWriter } from '../../harness/run/job-queue.js';
import { doJob } from '../../harness/run/crypto-ahead-worker.js';
import { createSodiumBackend, deriveKeyPair, fromHex } from '../../protocol/index.js';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 37 + i * 11) & 0xff);

test('jobs come out as they went in, in order, across wraps; a full queue refuses (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(-1)), { maxLength: 200 }), (ops) => {
      const buffers = createQueueBuffers(1024);
      const w = new JobQueueWriter(buffers);
      const r = new JobQueueReader(buffers);
      const model: { kind: JobKind; slot: number; payload: Uint8Array }[] = [];
      let n = 0;
      for (const op of ops) {
        if (op >= 0) {
          const kind = op % 2 === 0 ? JobKind.Verify : JobKind.Sign;
          const payload = bytes(op, n);
          if (w.push(kind, n, n * 4, bytes(32, n), kind === JobKind.Verify ? bytes(64, n + 1) : null, payload)) model.push({ kind, slot: n, payload });
          else assert.ok(model.length > 0, 'refused only when something is queued');
          n++;
          continue;
        }
        const job = r.next();
        const want = model.shift();
        if (want === undefined) {
          assert.is(job, null);
          continue;
        }
        assert.ok(job !== null);
        assert.is(job.kind, want.kind);
        assert.is(job.slot, want.slot);
        assert.is(job.word, want.slot * 4);
        assert.equal(job.key, bytes(32, want.slot));
        assert.equal(job.payload, want.payload);
        assert.equal(job.signature, want.kind === JobKind.Verify ? bytes(64, want.slot + 1) : new Uint8Array(0));
        assert.not.ok(job.payload.buffer instanceof SharedArrayBuffer, 'copied out of shared memory');
      }
    }),
  );
});

test('the consumer stops once asked and empty', () => {
  const buffers = createQueueBuffers(1024);
  const w = new JobQueueWriter(buffers);
  const r = new JobQueueReader(buffers);
  assert.ok(w.push(JobKind.Sign, 1, 4, bytes(32, 1), null, bytes(10, 1)));
  w.stop();
  assert.ok(r.waitForJobs(), 'a job is still queued');
  assert.is(r.next()?.slot, 1);
  assert.not.ok(r.waitForJobs());
  assert.throws(() => createQueueBuffers(1000), /power of two/);
});

test('the worker verifies and signs into the shared slots, unless the slot was claimed', () => {
  const crypto = createSodiumBackend();
  const k = deriveKeyPair(crypto, 'job-queue', 1);
  const pk = fromHex(k.publicKey, 32);
  const t = {
    verifyState: new Int32Array(new SharedArrayBuffer(16)),
    signState: new Int32Array(new SharedArrayBuffer(24)),
    signatures: new Uint8Array(new SharedArrayBuffer(6 * 64)),
    signVerified: new Uint8Array(new SharedArrayBuffer(6)).fill(7),
  };
  const word = 1 << 2;
  for (const s of [t.verifyState, t.signState]) for (let slot = 0; slot < s.length; slot++) Atomics.store(s, slot, word | SlotState.Pending);
  const good = bytes(40, 1);
  const sig = crypto.sign(k.secretKey, good);
  const buffers = createQueueBuffers(4096);
  const w = new JobQueueWriter(buffers);
  const r = new JobQueueReader(buffers);
  w.push(JobKind.Verify, 1, word, pk, sig, good);
  w.push(JobKind.Verify, 2, word, pk, sig, bytes(40, 2));
  w.push(JobKind.Sign, 3, word, k.secretKey, null, good);
  Atomics.store(t.verifyState, 0, word | SlotState.Working); // claimed by the main thread
  w.push(JobKind.Verify, 0, word, pk, sig, good);
  w.push(JobKind.SignVerify, 4, word, k.secretKey, null, good);
  const done = [];
  for (let job = r.next(); job !== null; job = r.next()) done.push(doJob(job, t));
  assert.equal(done, [true, true, true, false, true]);
  assert.is(t.signVerified[3], 0, 'a plain sign job is not verified');
  assert.is(t.signVerified[4], 1, 'a sign-and-verify job checked its signature');
  assert.equal(t.signatures.slice(4 * 64, 5 * 64), sig);
  assert.is(t.verifyState[1], word | SlotState.Ok);
  assert.is(t.verifyState[2], word | SlotState.Bad);
  assert.is(t.signState[3], word | SlotState.Ok);
  assert.equal(t.signatures.slice(3 * 64, 4 * 64), sig);
  assert.is(t.verifyState[0], word | SlotState.Working, 'left to the main thread');
});

test('an urgent lane is served before a forecast lane; stopping drains both', () => {
  const buffers = createQueueBuffers(1024, 2);
  const urgent = new JobQueueWriter(buffers, 0);
  const later = new JobQueueWriter(buffers, 1);
  const r = new JobQueueReader(buffers);
  assert.ok(later.push(JobKind.SignVerify, 1, 4, bytes(32, 1), null, bytes(10, 1)));
  assert.ok(later.push(JobKind.SignVerify, 2, 4, bytes(32, 2), null, bytes(10, 2)));
  assert.ok(urgent.push(JobKind.Verify, 3, 4, bytes(32, 3), bytes(64, 3), bytes(10, 3)));
  assert.equal([r.next()?.slot, r.next()?.slot], [3, 1], 'the urgent job first, then the forecast lane in order');
  assert.ok(urgent.push(JobKind.Sign, 4, 4, bytes(32, 4), null, bytes(10, 4)));
  assert.equal([r.next()?.slot, r.next()?.slot, r.next()], [4, 2, null]);
  assert.throws(() => new JobQueueWriter(buffers, 2), /lane 2/);
  assert.throws(() => createQueueBuffers(1024, 5), /lanes/);
  // Stopping waits for every lane to drain, the forecast lane too.
  assert.ok(later.push(JobKind.Sign, 5, 4, bytes(32, 5), null, bytes(10, 5)));
  urgent.stop();
  assert.ok(r.waitForJobs(), 'a forecast job is still queued');
  assert.is(r.next()?.slot, 5);
  assert.not.ok(r.waitForJobs());
});

test.run();
