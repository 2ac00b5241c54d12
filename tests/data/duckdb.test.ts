// The DuckDB peer runs the same semantics: equal digests on generated data (skipped without DuckDB).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanReadings } from '../../reference-node/data/index.js';
import { hourlyDigest } from '../../harness/bench/cleaning-digest.js';
import { openDuckDbPeer } from '../../harness/bench/cleaning-duckdb.js';
import { generateReadings } from '../../harness/workload/readings.js';

test('CLEAN-001..CLEAN-011 as SQL: DuckDB gives our hourly output on generated data', async () => {
  const g = generateReadings({ records: 20_000, seed: 12 });
  const peer = await openDuckDbPeer(g.readings, 1);
  if (!('run' in peer)) {
    console.warn(`skipped: ${peer.unavailable}`);
    return;
  }
  try {
    const { hourly } = await peer.run();
    assert.is(hourlyDigest(hourly), hourlyDigest(cleanReadings(g.readings).hourly));
    assert.match(peer.sql, /QUALIFY row_number\(\) OVER \(PARTITION BY meter, start_min ORDER BY received_ms DESC, idx\) = 1/);
  } finally {
    peer.close();
  }
});

test.run();
