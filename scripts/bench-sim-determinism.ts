// Benchmark-size determinism check (issue 5): a scenario's deterministic figures (head hash,
// height, events, messages, latencies) must be identical for --workers 1, 2 and 4 and across
// reruns. Too slow for `npm test` at city size, so it runs on demand:
//   node dist/scripts/bench-sim-determinism.js [SCENARIO] [SEEDS] [simulated|real]
// Exit 0 when identical, 1 otherwise.

import { performance } from 'node:perf_hooks';
import { fingerprint, runSeeds } from '../harness/run/pool.js';
import { loadScenario } from '../harness/scenario/load.js';

const name = process.argv[2] ?? 'city';
const seedCount = Number(process.argv[3] ?? 2);
const crypto = process.argv[4] === 'real' ? 'real' : 'simulated';
const scenario = loadScenario(name);
const seeds = Array.from({ length: seedCount }, (_, i) => 42 + i);
const prints: string[] = [];
for (const workers of [1, 2, 4, 1]) {
  const t0 = performance.now();
  const runs = await runSeeds({ scenario, seeds, workers, crypto, impl: 'reference' });
  const p = JSON.stringify(runs.map(fingerprint));
  prints.push(p);
  const heads = runs.map((r) => `${r.run.seed}:${r.finalState.height}:${String(r.finalState.headHash).slice(0, 16)}`).join(' ');
  process.stdout.write(`workers ${workers}: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${heads}\n`);
}
const same = prints.every((p) => p === prints[0]);
process.stdout.write(same ? `identical for workers 1, 2, 4 and a rerun (${name}, seeds ${seeds.join(',')}, ${crypto} crypto)\n` : 'DIFFERENT results across worker counts\n');
process.exitCode = same ? 0 : 1;
