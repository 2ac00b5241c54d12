// Crypto-ahead answers a node's verify() from the worker only for exactly the job it did: same
// signature, key and payload. Job keys are a few bytes of the signature, so a forged signature
// sharing them with a good one must still be checked (and fail).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CryptoAhead } from '../../harness/run/crypto-ahead.js';
import { createSodiumBackend, deriveKeyPair, fromHex } from '../../protocol/index.js';

test('a signature that differs from a verified one only after its first bytes gets its own verdict', async () => {
  const inner = createSodiumBackend();
  const ahead = await CryptoAhead.start(inner, 1);
  const backend = ahead.backend();
  const k = deriveKeyPair(inner, 'crypto-ahead-test', 1);
  const pk = fromHex(k.publicKey, 32);
  const payload = new TextEncoder().encode('{"allianceId":"a","allow":true}');
  const good = backend.sign(k.secretKey, payload); // queued for verification on the worker
  await ahead.close(); // the worker has verified it
  const forged = good.slice();
  forged[63] = (forged[63] as number) ^ 1;
  assert.is(backend.verify(pk, payload, forged), false, 'forged: not the good signature\'s verdict');
  assert.is(backend.verify(pk, payload, good), true);
  assert.ok(ahead.stats.verify.byWorker >= 1, 'the good one was answered by the worker');
});

test.run();
