// The cleaning benchmark's metrics object (issue 4): samples, accuracy, and the DuckDB peer row.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCleaningBench } from '../../harness/bench/cleaning.js';

test('CLEAN-001: runCleaningBench reports medians of ≥ 5 samples, accuracy and the DuckDB peer on the same output', async () => {
  const m = await runCleaningBench({ records: 5000, workers: 1, peer: 'duckdb', samples: 5 });
  assert.is(m.recordsPerSecSamples.length, 5);
  assert.ok(m.recordsPerSec > 0 && m.mbPerSec > 0);
  assert.is(m.precision, 1);
  assert.is(m.recall, 1);
  assert.is(m.summary.input, 5000);
  const duck = m.peers.duckdb;
  assert.ok(duck !== undefined);
  if (duck.available) {
    assert.is(duck.recordsPerSecSamples.length, 5);
    assert.ok(duck.sameOutput, 'DuckDB output digest equals ours');
    assert.is(duck.threads, 1);
    assert.match(duck.sql, /QUALIFY/);
    assert.ok(m.speedupVsDuckdb !== undefined && m.speedupVsDuckdb > 0);
  } else {
    assert.match(duck.reason, /duckdb/i);
  }
});

test('runCleaningBench without a peer says nothing about peers', async () => {
  const m = await runCleaningBench({ records: 2000, workers: 2, peer: 'none', samples: 5 });
  assert.equal(m.peers, {});
  assert.is(m.workers, 2);
  assert.is(m.speedupVsDuckdb, undefined);
});

test.run();
