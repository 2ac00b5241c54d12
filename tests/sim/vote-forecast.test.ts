// The sign-ahead forecast names the signatures nodes then make: members' votes on a submitted
// request, and validators' prevotes and precommits on a proposal. A forecast that drifted from
// what the reference node signs would silently move all that signing back to the main thread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CryptoBackend } from '../../contract/index.js';
import { createSimulatedCryptoBackend } from '../../harness/sim/crypto.js';
import { simulate } from '../../harness/sim/simulate.js';
import { loadScenario } from '../../harness/scenario/load.js';
import { referenceImpl } from '../../harness/run/impl.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const typeOf = (payload: string): string => /"type":"([A-Z_]+)"/.exec(payload)?.[1] ?? '';

test('votes and consensus votes that nodes sign were forecast first, for the same key', () => {
  const inner = createSimulatedCryptoBackend();
  const signed: { key: string; payload: string }[] = [];
  const crypto: CryptoBackend = { ...inner, sign: (sk, payload) => (signed.push({ key: text(sk), payload: text(payload) }), inner.sign(sk, payload)) };
  const forecast = new Set<string>();
  const seed = 3;
  simulate({
    scenario: { ...loadScenario('smoke'), durationMs: 8000 },
    seed,
    crypto,
    reference: referenceImpl(),
    wallNowMs: () => 0,
    presign: (sk, payload) => void forecast.add(`${text(sk)}|${text(payload)}`),
  });
  for (const kind of ['VOTE', 'PREVOTE', 'PRECOMMIT']) {
    // Nil votes (timeouts) cannot be foreseen from a proposal; every other one should be.
    const made = signed.filter((s) => typeOf(s.payload) === kind && !s.payload.includes('"blockHash":null'));
    const hits = made.filter((s) => forecast.has(`${s.key}|${s.payload}`)).length;
    assert.ok(made.length > 0, `seed ${seed}: no ${kind} signed`);
    assert.ok(hits >= 0.9 * made.length, `seed ${seed}: ${kind}: ${hits} of ${made.length} signatures were forecast`);
  }
});

test.run();
