// The node skips sizing small messages: any well-formed one must fit SMALL_MESSAGE_BYTES_MAX,
// which must stay below the least maxMessageBytes a treaty may set.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { LIMITS, TREATY_BOUNDS } from '../../contract/index.js';
import { utf8Length } from '../../protocol/index.js';
import { SMALL_MESSAGE_BYTES_MAX } from '../../reference-node/node.js';
import { checkMessageShape } from '../../reference-node/shape.js';

const hex = (bytes: number): string => 'f'.repeat(2 * bytes);
const MAX_INT = Number.MAX_SAFE_INTEGER;

test('the bound is below the least maxMessageBytes a treaty may set', () => {
  assert.ok(SMALL_MESSAGE_BYTES_MAX < (TREATY_BOUNDS.maxMessageBytes?.[0] as number));
});

test('the worst well-formed small messages fit the bound', () => {
  const worst = [
    { type: 'VOTE', vote: { allianceId: '\u0001'.repeat(LIMITS.allianceIdBytesMax), requestId: hex(32), voter: hex(32), allow: false, signature: hex(64) } },
    { type: 'PRECOMMIT', vote: { height: MAX_INT, round: MAX_INT, blockHash: hex(32), validator: hex(32), signature: hex(64) } },
    { type: 'DECISION', requestId: hex(32), outcome: 'rejected', allows: MAX_INT, eligible: MAX_INT, height: MAX_INT, blockHash: hex(32) },
    { type: 'BLOCK_REQUEST', fromHeight: MAX_INT, maxBlocks: MAX_INT },
  ];
  for (const m of worst) {
    assert.is(checkMessageShape(m, 100, 1000), null, m.type);
    const size = utf8Length(JSON.stringify(m));
    assert.ok(size <= SMALL_MESSAGE_BYTES_MAX, `${m.type}: ${size} bytes`);
  }
});

test('every well-formed small message fits the bound (property)', () => {
  // Alliance ids up to the byte limit, control characters (6 bytes each escaped) and multi-byte ones.
  const alliance = fc.string({ unit: fc.constantFrom('\u0001', '"', 'é', '€', 'a'), maxLength: LIMITS.allianceIdBytesMax });
  const int = fc.oneof(fc.constant(MAX_INT), fc.integer({ min: 0 }));
  const consensus = fc.record({ height: int, round: int, blockHash: fc.constantFrom(null, hex(32)), validator: fc.constant(hex(32)), signature: fc.constant(hex(64)) });
  const message = fc.oneof(
    fc.record({ type: fc.constant('VOTE'), vote: fc.record({ allianceId: alliance, requestId: fc.constant(hex(32)), voter: fc.constant(hex(32)), allow: fc.boolean(), signature: fc.constant(hex(64)) }) }),
    fc.record({ type: fc.constantFrom('PREVOTE', 'PRECOMMIT'), vote: consensus }),
    fc.record({ type: fc.constant('DECISION'), requestId: fc.constant(hex(32)), outcome: fc.constantFrom('allowed', 'rejected'), allows: int, eligible: int, height: int, blockHash: fc.constant(hex(32)) }),
    fc.record({ type: fc.constant('BLOCK_REQUEST'), fromHeight: int, maxBlocks: fc.oneof(fc.constant(MAX_INT), fc.integer({ min: 1 })) }),
  );
  fc.assert(
    fc.property(message, (m) => {
      const shape = checkMessageShape(m, 100, 1000);
      if (shape !== null) return true; // refused before its size matters
      const size = utf8Length(JSON.stringify(m));
      assert.ok(size <= SMALL_MESSAGE_BYTES_MAX, `${m.type}: ${size} bytes`);
      return true;
    }),
    { numRuns: 2000 },
  );
});

test.run();
