// The cost model charges a receiver for every signature a message carries, except votes it
// already checked when their VOTE arrived (design §3), and remembers that per receiver.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { Block, Entry, Message } from '../../contract/index.js';
import { signaturesIn } from '../../harness/sim/cost.js';
import { SeenVotes } from '../../harness/sim/seen-votes.js';

const voteEntry = (i: number): Entry => ({
  kind: 'VOTE',
  vote: { allianceId: 'a', requestId: 'ab'.repeat(32), voter: i.toString(16).padStart(64, '0'), allow: true, signature: i.toString(16).padStart(128, '0') },
});
const block = (votes: number): Block => ({
  height: 9,
  round: 0,
  prevHash: 'cd'.repeat(32),
  timestampMs: 1,
  proposer: 'ef'.repeat(32),
  lastCommit: { height: 8, round: 0, blockHash: '01'.repeat(32), precommits: [{ validator: '02'.repeat(32), signature: '03'.repeat(64) }] },
  entries: Array.from({ length: votes }, (_, i) => voteEntry(i)),
});
const commit = (b: Block): Message => ({ type: 'COMMIT', block: b, certificate: { height: b.height, round: 0, blockHash: '04'.repeat(32), precommits: [] } });
const sig = (e: Entry): string => (e.kind === 'VOTE' ? e.vote.signature : '');

test('a COMMIT costs its votes and precommits, less the votes this receiver checked on arrival', () => {
  const b = block(10);
  const seen = new SeenVotes();
  assert.is(signaturesIn(commit(b), seen, 0), 10 + 1, 'nothing seen: 10 votes + 1 lastCommit precommit');
  for (const e of b.entries.slice(0, 4)) seen.add(0, sig(e));
  assert.is(signaturesIn(commit(b), seen, 0), 6 + 1);
  assert.is(signaturesIn(commit(b), seen, 1), 10 + 1, 'another receiver saw none of them');
});

test('SeenVotes answers per node, past its bit slots too (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(40), fc.nat(30)), { minLength: 80, maxLength: 300 }), (adds) => {
      const seen = new SeenVotes();
      const model = new Map<number, Set<string>>();
      for (const [node, v] of adds) {
        seen.add(node, `s${v}`);
        if (!model.has(node)) model.set(node, new Set());
        model.get(node)!.add(`s${v}`);
      }
      const all = Array.from({ length: 31 }, (_, v) => `s${v}`);
      for (let node = 0; node <= 40; node++) assert.is(seen.count(node, all), model.get(node)?.size ?? 0);
    }),
  );
});

test.run();
