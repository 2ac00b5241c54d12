// A sealed block's hash and size are those of its whole canonical encoding, whether or not the
// proposer measured its entries first (the sealer then joins the entries' remembered texts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Sealer } from '../../reference-node/seal.js';
import { blockHash, canonicalBytes, createSodiumBackend } from '../../protocol/index.js';
import type { Block, Entry } from '../../contract/index.js';

const crypto = createSodiumBackend();

test('seal hashes the canonical encoding of the whole block, entries measured first or not (property)', () => {
  const odd = fc.string({ unit: fc.constantFrom('a', 'z', '"', '\\', '\n', 'é', '😀', '\ud800') });
  const leaf = fc.oneof(odd, fc.integer(), fc.boolean(), fc.constant(null));
  const entry = fc.dictionary(odd, fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(odd, leaf, { maxKeys: 3 })), { maxKeys: 5 });
  const extra = fc.dictionary(fc.constantFrom('a', 'entrie', 'entries~', 'zz', 'height'), leaf, { maxKeys: 2 });
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 6 }), extra, fc.array(fc.boolean(), { maxLength: 6 }), (entries, more, measured) => {
      const block = { height: 3, round: 0, prevHash: 'ab'.repeat(32), timestampMs: 9, proposer: 'cd'.repeat(32), lastCommit: null, ...more, entries } as unknown as Block;
      // A block with no canonical form (a lone surrogate) fails to seal as it fails to encode.
      const outcome = (f: () => unknown): unknown => {
        try {
          return f();
        } catch (e) {
          return `threw ${(e as Error).message}`;
        }
      };
      const sealer = new Sealer(crypto, undefined);
      entries.forEach((e, i) => {
        if (measured[i]) outcome(() => sealer.entryText(e as unknown as Entry));
      });
      const sealed = outcome(() => sealer.seal(block)) as { hash: string; sizeBytes: number } | string;
      const expected = outcome(() => ({ hash: blockHash(crypto, block), sizeBytes: canonicalBytes(block).length }));
      assert.equal(typeof sealed === 'string' ? sealed : { hash: sealed.hash, sizeBytes: sealed.sizeBytes }, expected);
      // Sealing a second block with the same entry objects still encodes them right.
      const again = { ...block, height: 4 } as Block;
      assert.equal(outcome(() => sealer.seal(again).hash), outcome(() => blockHash(crypto, again)));
    }),
    { numRuns: 1500 },
  );
});

test.run();
