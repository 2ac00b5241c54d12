// A crypto-ahead batch travels as one buffer; the worker must read back exactly the jobs packed,
// and write each verdict and signature into its own slot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SlotState } from '../../harness/run/ahead-ring.js';
import { packBatch, unpackBatch, type BatchJob } from '../../harness/run/batch-pack.js';
import cryptoAheadTask from '../../harness/run/crypto-ahead-worker.js';
import { createSodiumBackend, deriveKeyPair, fromHex } from '../../protocol/index.js';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed * 37 + i * 11) & 0xff);

test('pack then unpack gives back every job, payloads of any length included', () => {
  const jobs: BatchJob[] = [0, 1, 2].map((i) => ({ slot: 10 + i, word: (i + 1) << 2, key: bytes(32, i), signature: bytes(64, 9 - i), payload: bytes(i * 50, 3 + i) }));
  for (const kind of ['verify', 'sign'] as const) {
    const v = unpackBatch(packBatch(kind, jobs));
    assert.equal([...v.slots], [10, 11, 12]);
    assert.equal([...v.words], [4, 8, 12]);
    jobs.forEach((j, i) => {
      assert.equal(v.keys.subarray(i * 32, i * 32 + 32), j.key);
      assert.equal(v.payloads.subarray(i === 0 ? 0 : v.ends[i - 1], v.ends[i]), j.payload);
      if (kind === 'verify') assert.equal(v.signatures.subarray(i * 64, i * 64 + 64), j.signature);
    });
    if (kind === 'sign') assert.is(v.signatures.length, 0);
  }
});

test('the worker verifies and signs a packed batch into the shared slots', () => {
  const crypto = createSodiumBackend();
  const k = deriveKeyPair(crypto, 'batch-pack', 1);
  const pk = fromHex(k.publicKey, 32);
  const verifyState = new SharedArrayBuffer(4 * 4);
  const signState = new SharedArrayBuffer(4 * 4);
  const signatures = new SharedArrayBuffer(4 * 64);
  cryptoAheadTask({ kind: 'init', verifyState, signState, signatures });
  const good = bytes(40, 1);
  const sig = crypto.sign(k.secretKey, good);
  const word = 1 << 2;
  // Queued, as the main thread's ring does before posting the batch.
  for (const state of [verifyState, signState]) for (let slot = 0; slot < 4; slot++) Atomics.store(new Int32Array(state), slot, word | SlotState.Pending);
  const done = cryptoAheadTask(
    packBatch('verify', [
      { slot: 1, word, key: pk, signature: sig, payload: good },
      { slot: 2, word, key: pk, signature: sig, payload: bytes(40, 2) },
    ]),
  );
  assert.is(done, 2);
  const vs = new Int32Array(verifyState);
  assert.is(vs[1], word | SlotState.Ok);
  assert.is(vs[2], word | SlotState.Bad);
  assert.is(cryptoAheadTask(packBatch('sign', [{ slot: 3, word, key: k.secretKey, payload: good }])), 1);
  assert.is(new Int32Array(signState)[3], word | SlotState.Ok);
  assert.equal(new Uint8Array(signatures, 3 * 64, 64), sig);
});

test.run();
