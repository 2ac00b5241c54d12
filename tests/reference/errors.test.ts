// ERR-001..ERR-006, MOD-003, CHAIN-003/CHAIN-007/CHAIN-009 on bad blocks, JOIN-002 eligibility:
// every error code, and for any input that errs the state digest (CHAIN-013) is unchanged.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERROR_CODES, type Input, type NodeUnderTest } from '../../contract/index.js';
import { createCryptoBackend, makeVote } from '../../protocol/index.js';
import { badCases } from '../support/bad-inputs.js';
import { buildFixture } from '../support/fixture.js';

const fx = buildFixture();
const now = () => fx.a.net.nowMs;
const validator = () => fx.a.net.nodes.get(fx.founders[0]!.publicKey)!;

function expectError(node: NodeUnderTest, input: Input, code: string, name: string): void {
  const before = node.digest();
  const r = node.handle(input, now());
  assert.is(r.ok, false, `${name}: expected ${code}, got ok`);
  if (!r.ok) assert.is(r.error.code, code, `${name}: ${r.error.message}`);
  assert.is(node.digest(), before, `${name}: ERR-002 state digest changed`);
}

test('ERR-001, ERR-002, ERR-003, ERR-004, ERR-005, ERR-006: each bad input gets its typed error and leaves the digest unchanged; every code is reachable', () => {
  const seen = new Set<string>();
  for (const c of badCases(fx)) {
    const node = c.target === 'fresh' ? fx.fresh() : validator();
    for (const s of c.setup?.(node, now()) ?? []) {
      const r = node.handle(s, now());
      assert.ok(r.ok, `${c.name}: setup input refused: ${r.ok ? '' : r.error.message}`);
    }
    expectError(node, c.input(node, now()), c.code, c.name);
    seen.add(c.code);
  }
  assert.equal([...seen].sort(), [...ERROR_CODES].sort(), 'every error code has a case');
});

test('ERR-002: for arbitrary junk and for single-character corruptions of a valid vote, an error never changes state', () => {
  const node = validator();
  const crypto = createCryptoBackend('node');
  const good = makeVote(crypto, fx.founders[4]!, fx.a.treaty.allianceId, fx.openRequestId, true);
  const text = JSON.stringify({ type: 'VOTE', vote: good });
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.tuple(fc.nat(text.length - 1), fc.string({ minLength: 1, maxLength: 1 })).map(([i, ch]) => text.slice(0, i) + ch + text.slice(i + 1))), (junk) => {
      let message: unknown = junk;
      if (typeof junk === 'string') {
        try {
          message = JSON.parse(junk);
        } catch {
          message = junk;
        }
      }
      const before = node.digest();
      const r = node.handle({ type: 'message', from: fx.founders[4]!.publicKey, message } as Input, now());
      if (!r.ok) assert.is(node.digest(), before, `digest changed on ${r.error.code}`);
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('CHAIN-003/CHAIN-007: the genuine first block with its certificate is accepted by a fresh node (control)', () => {
  const node = fx.fresh();
  const { block, certificate } = fx.committed[0]!;
  const before = node.digest();
  const r = node.handle({ type: 'message', from: fx.founders[0]!.publicKey, message: { type: 'COMMIT', block, certificate } }, now());
  assert.ok(r.ok);
  assert.is.not(node.digest(), before);
  assert.is(node.query().height, block.height);
});

test('JOIN-002: the joiner may not vote on a request committed before it joined (command path too)', () => {
  const joiner = fx.a.net.nodes.get(fx.joiner.publicKey)!;
  assert.ok(joiner.query().isMember);
  expectError(joiner, { type: 'command', command: { type: 'vote', requestId: fx.openRequestId, allow: true } }, 'ERR_NOT_ELIGIBLE', 'joiner vote command');
});

test('MOD-003: an unknown command is ERR_UNSUPPORTED, not a crash', () => {
  expectError(validator(), { type: 'command', command: { type: 'fly' } } as unknown as Input, 'ERR_UNSUPPORTED', 'fly');
});

test.run();
