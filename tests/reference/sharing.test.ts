// SHARE-001 (label queries through the sharing API), JOIN-003 (votes go to validators only and
// are resent while uncommitted).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Hex, NodeEnv, SecondaryRecord } from '../../contract/index.js';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { buildAlliance, MemoryStorage } from '../../harness/local/alliance.js';
import { Sfc32 } from '../../harness/local/prng.js';
import { createCryptoBackend, deriveKeyPair, makeShareRequest, makeTreaty } from '../../protocol/index.js';

test('SHARE-001: a member share request is answered with exactly the records the sharing API gives for the label', () => {
  const crypto = createCryptoBackend('node');
  const keys = [0, 1].map((i) => deriveKeyPair(crypto, 'share-test', i));
  const treaty = makeTreaty(crypto, 'a', keys.map((k, i) => ({ keys: k, name: `f${i}`, declaredAtMs: i })));
  const records: SecondaryRecord[] = [
    { meterId: 'm1', hourStartMs: 0, energyWh: 1200, completenessPermille: 1000, labels: { region: 'north' } },
    { meterId: 'm2', hourStartMs: 0, energyWh: 800, completenessPermille: 750, labels: { region: 'south' } },
  ];
  const queried: string[] = [];
  const sharing = {
    query(label: string) {
      queried.push(label);
      const [k, v] = label.split('=');
      return records.filter((r) => r.labels[k ?? ''] === v);
    },
  };
  const env: NodeEnv = { keys: keys[0]!, crypto, storage: new MemoryStorage(), rng: new Sfc32(1), sharing };
  const server = referenceFactory.create({ treaty }, env);
  const request = makeShareRequest(crypto, keys[1]!, { allianceId: 'a', server: keys[0]!.publicKey, label: 'region=south', createdAtMs: 5_000, nonce: 1 });
  const r = server.handle({ type: 'message', from: keys[1]!.publicKey, message: { type: 'SHARE_REQUEST', request } }, 5_000);
  assert.ok(r.ok);
  if (!r.ok) return;
  const answer = r.output.send.find((s) => s.message.type === 'SHARE_RESPONSE');
  assert.equal(answer?.to, [keys[1]!.publicKey], 'answered directly to the requester only');
  assert.equal(answer?.message.type === 'SHARE_RESPONSE' ? answer.message.records : null, [records[1]]);
  assert.equal(queried, ['region=south']);
  assert.equal(r.output.timers.map((t) => t.timer.kind), ['accessLog'], 'SHARE-003: the access-log timer is armed by work');
});

test('JOIN-003: votes are sent to validators only, and resent after voteResendBlocks while not committed', () => {
  const sends: { from: Hex; to: Hex; voter: Hex }[] = [];
  let a: ReturnType<typeof buildAlliance>;
  a = buildAlliance({
    seed: 21,
    founders: 6,
    outsiders: 1,
    factory: referenceFactory,
    treaty: { validatorsMax: 4, voteResendBlocks: 2, voteWindowBlocks: 40 },
    outgoing: (from, to, m) => {
      if (m.type === 'VOTE') sends.push({ from, to, voter: m.vote.voter });
      return [m];
    },
    // Votes sent before 4 s are lost, so only resends can carry them.
    canDeliver: (_f, _t, atMs, m) => !(m.type === 'VOTE' && atMs < 4_000),
  });
  for (const k of a.founders) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.run(2_300);
  a.net.command(a.outsiders[0]!.publicKey, { type: 'requestShare', server: a.founders[5]!.publicKey, label: 'x=y', nonce: 1 }, 2_300);
  a.net.run(12_000);
  const validators = new Set(a.net.nodes.get(a.founders[0]!.publicKey)!.query().validators);
  assert.ok(sends.length > 0);
  for (const s of sends) assert.ok(validators.has(s.to), 'a vote went to a non-validator');
  const byVoter = new Map<Hex, number>();
  for (const s of sends) if (s.from === s.voter && s.from === a.founders[5]!.publicKey) byVoter.set(s.to, (byVoter.get(s.to) ?? 0) + 1);
  assert.ok([...byVoter.values()].some((n) => n >= 2), 'the non-validator voter resent its vote');
  const decided = a.net.effectsOf('decided').filter((r) => r.node === a.founders[0]!.publicKey);
  assert.is(decided.length, 1);
  assert.is(decided[0]!.effect.outcome, 'allowed', 'resent votes were counted');
});


test('SHARE-002: an unanswered member share request is resent every catchUpTimeoutMs within its TTL, and not after an answer', () => {
  const crypto = createCryptoBackend('node');
  const keys = [0, 1].map((i) => deriveKeyPair(crypto, 'share-retry', i));
  const treaty = makeTreaty(crypto, 'a', keys.map((k, i) => ({ keys: k, name: `f${i}`, declaredAtMs: i })), { catchUpTimeoutMs: 2_000, shareRequestTtlMs: 5_000 });
  const requester = referenceFactory.create({ treaty }, { keys: keys[1]!, crypto, storage: new MemoryStorage(), rng: new Sfc32(1) });
  const server = keys[0]!.publicKey;
  const asked = requester.handle({ type: 'command', command: { type: 'requestShare', server, label: 'region=north', nonce: 1 } }, 10_000);
  assert.ok(asked.ok);
  if (!asked.ok) return;
  const sent = asked.output.send.find((s) => s.message.type === 'SHARE_REQUEST');
  const retry = asked.output.timers.find((t) => t.timer.kind === 'shareRetry');
  assert.is(retry?.atMs, 12_000, 'retry armed catchUpTimeoutMs later');
  const fire = (atMs: number) => {
    const r = requester.handle({ type: 'timer', timer: { kind: 'shareRetry', height: 0, round: 0 } }, atMs);
    assert.ok(r.ok);
    return r.ok ? r.output : { send: [], timers: [] };
  };
  const again = fire(12_000);
  assert.equal(again.send, [{ to: [server], message: sent!.message }], 'the same signed request, to the same server');
  assert.is(again.timers.length, 1, 'and re-armed');
  assert.is(fire(15_001).send.length, 0, 'past shareRequestTtlMs it is not resent');
  // Answered: nothing left to resend.
  const requestId = asked.output.effects.find((e) => e.type === 'requestSubmitted')!;
  const id = requestId.type === 'requestSubmitted' ? requestId.requestId : '';
  const answered = requester.handle({ type: 'message', from: server, message: { type: 'SHARE_RESPONSE', requestId: id, server, status: 'served', records: [] } }, 12_500);
  assert.ok(answered.ok);
  assert.is(fire(13_000).send.length, 0, 'answered requests are not resent');
});

test.run();
