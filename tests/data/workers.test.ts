// DATA-009: the pool's output (hourly rows and every reading's reason) is the same for 1 and 2
// workers and the same as the in-process cleaning; the sorted fallback agrees with the grid.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanReadings, copyReadings, sharedAllocate } from '../../reference-node/data/index.js';
import { hourlyDigest } from '../../harness/bench/cleaning-digest.js';
import { CleaningPool } from '../../harness/bench/cleaning-pool.js';
import { generateReadings } from '../../harness/workload/readings.js';

test('DATA-009: cleaning output is identical for 1 and 2 workers and in-process', async () => {
  const g = generateReadings({ records: 30_000, seed: 3, slotsPerMeter: 200 });
  const cols = copyReadings(g.readings, sharedAllocate);
  const local = cleanReadings(g.readings);
  for (const workers of [1, 2]) {
    const pool = new CleaningPool(workers);
    try {
      const r = await pool.clean(cols);
      assert.is(hourlyDigest(r.hourly), hourlyDigest(local.hourly), `${workers} workers: hourly output`);
      assert.equal(Array.from(r.status), Array.from(local.status), `${workers} workers: reasons`);
      assert.equal(r.summary, local.summary);
    } finally {
      await pool.close();
    }
  }
});

test('DATA-009: the sorted path (huge grids) gives the grid path’s output', () => {
  const g = generateReadings({ records: 20_000, seed: 9 });
  const grid = cleanReadings(g.readings);
  const sorted = cleanReadings(g.readings, { gridCellsMax: 0 });
  assert.is(hourlyDigest(sorted.hourly), hourlyDigest(grid.hourly));
  assert.equal(Array.from(sorted.status), Array.from(grid.status));
});

test.run();
