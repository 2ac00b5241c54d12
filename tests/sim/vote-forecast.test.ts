// The sign-ahead forecast names the signatures nodes then make: members' votes on a request the
// workload is about to make, and validators' prevotes and precommits on a proposal. A forecast that drifted from
// what the reference node signs would silently move all that signing back to the main thread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CryptoBackend } from '../../contract/index.js';
import { createSimulatedCryptoBackend } from '../../harness/sim/crypto.js';
import { simulate } from '../../harness/sim/simulate.js';
import { loadScenario } from '../../harness/scenario/load.js';
import { referenceImpl } from '../../harness/run/impl.js';
import { forecastVotes } from '../../harness/sim/vote-forecast.js';
import { deriveKeyPair, votePayload } from '../../protocol/index.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const typeOf = (payload: string): string => /"type":"([A-Z_]+)"/.exec(payload)?.[1] ?? '';

test('votes and consensus votes that nodes sign were forecast first, for the same key', () => {
  const inner = createSimulatedCryptoBackend();
  const signed: { key: string; payload: string }[] = [];
  const crypto: CryptoBackend = { ...inner, sign: (sk, payload) => (signed.push({ key: text(sk), payload: text(payload) }), inner.sign(sk, payload)) };
  const forecast = new Set<string>();
  const early = new Set<string>();
  const seed = 3;
  simulate({
    scenario: { ...loadScenario('smoke'), durationMs: 8000 },
    seed,
    crypto,
    reference: referenceImpl(),
    wallNowMs: () => 0,
    presign: (sk, payload, ahead) => void (ahead ? early : forecast).add(`${text(sk)}|${text(payload)}`),
  });
  for (const kind of ['VOTE', 'PREVOTE', 'PRECOMMIT']) {
    // Nil votes (timeouts) cannot be foreseen from a proposal; every other one should be.
    const made = signed.filter((s) => typeOf(s.payload) === kind && !s.payload.includes('"blockHash":null'));
    // Members' votes are foreseen from the workload's next command, seconds before the request
    // exists (request-forecast.ts); consensus votes from the proposal, milliseconds before.
    const ahead = kind === 'VOTE' ? early : forecast;
    const hits = made.filter((s) => ahead.has(`${s.key}|${s.payload}`)).length;
    assert.ok(made.length > 0, `seed ${seed}: no ${kind} signed`);
    assert.ok(hits >= 0.9 * made.length, `seed ${seed}: ${kind}: ${hits} of ${made.length} signatures were forecast${kind === 'VOTE' ? ' before the request was made' : ''}`);
  }
  assert.is(forecast.size > 0 && [...early].filter((k) => forecast.has(k)).length, 0, 'a request forecast early is not forecast again when submitted');
});

test('a forecast vote payload is votePayload byte for byte, allow and reject, hex voter or not', () => {
  const keys = [1, 2, 3].map((i) => deriveKeyPair(createSimulatedCryptoBackend(), 'forecast', i));
  const voters = new Map(keys.map((k, i) => [k.publicKey, { keys: k, policy: { join: i === 1 ? ('reject' as const) : ('allow' as const), share: 'allow' as const } }]));
  const odd = { ...keys[2]!, publicKey: 'Ünïcode "voter"' };
  voters.set(odd.publicKey, { keys: odd, policy: { join: 'allow', share: 'allow' } });
  const requestId = 'cd'.repeat(32);
  const got = forecastVotes(requestId, 'JOIN_REQUEST', [...voters.keys()], voters, 'alliance-é');
  assert.is(got.length, 4);
  [...voters.entries()].forEach(([voter, v], i) => {
    const expected = votePayload({ allianceId: 'alliance-é', requestId, voter, allow: v.policy.join === 'allow' });
    assert.equal(Buffer.from(got[i]!.payload), Buffer.from(expected), `voter ${i}`);
  });
});

test.run();
