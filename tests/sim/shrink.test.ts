import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveScenario } from '../../harness/scenario/resolve.js';
import { shrinkScenario, SHRINK_ATTEMPTS_MAX } from '../../harness/sim/shrink.js';
import type { Scenario } from '../../harness/sim/scenario.js';
import { runCommand } from '../../harness/cli/commands/run.js';
import { UsageError } from '../../harness/cli/command.js';

const big: Scenario = resolveScenario({
  name: 'big',
  nodes: 64,
  durationMs: 40_000,
  treaty: {},
  workload: { memberShares: { ratePerSec: 5 }, joins: { ratePerSec: 1, countMax: 4 } },
  network: {},
  faults: [
    { kind: 'crash', node: 3, atMs: 100, restartAtMs: 200 },
    { kind: 'partition', atMs: 100, healAtMs: 900, minorityPermille: 100 },
  ],
  byzantine: [{ nodes: [1, 2, 5], behaviours: ['equivocate', 'replay'] }, { nodes: [7], behaviours: ['withholdVotes'] }],
  costModel: {},
});

test('shrinking keeps only what the failure needs', () => {
  // A "failure" that needs node 2 equivocating and at least 3 nodes.
  const fails = (s: Scenario): boolean => s.nodes >= 3 && s.byzantine.some((b) => b.nodes.includes(2) && b.behaviours.includes('equivocate'));
  let calls = 0;
  const { scenario, steps } = shrinkScenario(big, (s) => (calls++, fails(s)));
  assert.ok(fails(scenario));
  assert.ok(steps > 3);
  assert.ok(calls <= SHRINK_ATTEMPTS_MAX + 1);
  assert.is(scenario.faults.length, 0);
  assert.is(scenario.byzantine.length, 1);
  assert.equal(scenario.byzantine[0]?.behaviours, ['equivocate']);
  assert.is(scenario.workload.memberShares.countMax, 0);
  assert.ok(scenario.nodes < 64 && scenario.durationMs < 40_000);
});

test('a run that never fails is left as it is', () => {
  const { scenario, steps } = shrinkScenario(big, () => false);
  assert.is(steps, 0);
  assert.equal(scenario, big);
});

test('run: an unknown scenario is a usage error (exit 2) naming the built-ins', async () => {
  const io = { stdout: () => {}, stderr: () => {} };
  try {
    await runCommand.run({ scenario: 'no-such', seed: 1, workers: 1, crypto: 'simulated', impl: 'reference', repeat: 1, shrink: false, sweep: 1, out: '/tmp/x', argv: [] }, io);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, UsageError);
    assert.match((e as Error).message, /no-such.*built-in name.*smoke/);
  }
});

test('run: bad flags are usage errors', async () => {
  const io = { stdout: () => {}, stderr: () => {} };
  for (const bad of [{ seed: -1 }, { workers: 0 }, { repeat: 0 }, { sweep: 0 }]) {
    try {
      await runCommand.run({ scenario: 'smoke', seed: 1, workers: 1, crypto: 'simulated', impl: 'reference', repeat: 1, shrink: false, sweep: 1, out: '/tmp/x', argv: [], ...bad }, io);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, UsageError);
    }
  }
});

test.run();
