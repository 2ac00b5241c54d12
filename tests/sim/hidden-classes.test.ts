// Protocol objects made by the thousand (votes, consensus votes, open requests) must share one
// hidden class per kind: built by object spread, each vote got a map of its own once V8's clone
// cache went generic in a long run, and every read of a vote field missed its inline cache
// (region: ~10 s of 60). Checked on a real simulation, where the generic path was taken.
import { setFlagsFromString } from 'node:v8';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Block } from '../../contract/index.js';
import { cryptoBackendFor } from '../../harness/run/crypto-mode.js';
import { referenceImpl } from '../../harness/run/impl.js';
import { loadScenario } from '../../harness/scenario/load.js';
import { ChainAuditor } from '../../harness/sim/audit.js';
import { simulate } from '../../harness/sim/simulate.js';

setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

test('votes, consensus votes and blocks committed in a city run share one hidden class per kind', async () => {
  const blocks: Block[] = [];
  const onCommitted = ChainAuditor.prototype.onCommitted;
  ChainAuditor.prototype.onCommitted = function (height, hash, block, node, atMs) {
    if (!this.blocks.has(hash)) blocks.push(block);
    return onCommitted.call(this, height, hash, block, node, atMs);
  };
  try {
    const scenario = { ...loadScenario('city'), durationMs: 15_000 };
    simulate({ scenario, seed: 7, crypto: cryptoBackendFor('simulated'), reference: await referenceImpl(), wallNowMs: () => 0 });
  } finally {
    ChainAuditor.prototype.onCommitted = onCommitted;
  }
  const votes = blocks.flatMap((b) => b.entries.flatMap((e) => (e.kind === 'VOTE' ? [e.vote] : [])));
  const precommits = blocks.flatMap((b) => b.lastCommit?.precommits ?? []);
  const consensusBlocks = blocks.filter((b) => b.lastCommit !== null);
  assert.ok(votes.length > 1_000, `votes committed: ${votes.length}`);
  const distinct = (objects: readonly object[]): number => objects.filter((o, i) => i === 0 || !sameMap(o, objects[0]!)).length;
  assert.is(distinct(votes), 1, 'votes with a hidden class other than the first vote\'s');
  assert.is(distinct(precommits), 1, 'precommits');
  assert.is(distinct(consensusBlocks), 1, 'blocks');
});

test.run();
