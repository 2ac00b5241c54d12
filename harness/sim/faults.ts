// Fault schedule: partitions with heals, crashes with restarts. Returns the time all faults
// have healed (the liveness bound counts from there).

import type { Engine } from './engine.js';
import type { NetworkModel } from './network.js';
import type { Xoshiro128 } from './prng.js';
import type { Scenario } from './scenario.js';

export function scheduleFaults(
  engine: Engine,
  network: NetworkModel,
  scenario: Scenario,
  rng: Xoshiro128,
  founders: number,
  byzantine: ReadonlySet<number>,
  crashedEver: Set<number>,
): number {
  let healedUs = 0;
  const nodes = engine.nodes.length;
  for (const f of scenario.faults) {
    if (f.kind === 'partition') {
      const m = Math.max(1, Math.ceil((founders * f.minorityPermille) / 1000));
      const minority = Array.from({ length: Math.min(m, founders) }, (_, i) => i);
      engine.action(f.atMs * 1000, () => network.partition(minority, nodes));
      engine.action(f.healAtMs * 1000, () => network.heal());
      healedUs = Math.max(healedUs, f.healAtMs * 1000);
    } else {
      let node = f.node;
      if (node < 0) {
        // Draw an honest founder that is not already scheduled to crash.
        for (let tries = 0; tries < 64; tries++) {
          const c = rng.below(founders);
          if (!byzantine.has(c) && !crashedEver.has(c)) {
            node = c;
            break;
          }
        }
      }
      if (node < 0 || node >= founders) continue;
      crashedEver.add(node);
      const n = node;
      engine.action(f.atMs * 1000, () => engine.crash(n));
      if (f.restartAtMs >= 0) engine.action(f.restartAtMs * 1000, (t) => engine.restart(n, t));
      healedUs = Math.max(healedUs, (f.restartAtMs >= 0 ? f.restartAtMs : f.atMs) * 1000);
    }
  }
  return healedUs;
}
