// The engine alone: N no-op nodes, one of which broadcasts a COMMIT-shaped message to all every
// 100 ms of virtual time (N deliveries per broadcast, one shared payload). Separates setup (keys,
// treaty, node objects) from the event loop, so engine events/s are measured apart from any
// implementation's cost:   node dist/scripts/bench-sim-engine.js [NODES] [DURATION_MS]

import { performance } from 'node:perf_hooks';
import type { Hex, NodeFactory, Output, Treaty } from '../contract/index.js';
import { resolveScenario } from '../harness/scenario/resolve.js';
import { createSimulatedCryptoBackend } from '../harness/sim/crypto.js';
import { startSimulation } from '../harness/sim/simulate.js';

const nodes = Number(process.argv[2] ?? 10_000);
const durationMs = Number(process.argv[3] ?? 10_000);
const keysOf = new WeakMap<Treaty, Hex[]>();
const empty: Output = { send: [], timers: [], effects: [] };
const noop: NodeFactory = {
  implementation: { name: 'noop-broadcaster', version: '0' },
  capabilities: { modules: [], features: [] },
  create(config, env) {
    let founders = keysOf.get(config.treaty);
    if (founders === undefined) {
      founders = config.treaty.founders.map((f) => f.publicKey);
      keysOf.set(config.treaty, founders);
    }
    const all = founders;
    const me = env.keys.publicKey;
    const leader = me === all[0];
    const block = { height: 0, round: 0, prevHash: '0'.repeat(64), timestampMs: 0, proposer: me, lastCommit: null, entries: [] };
    let h = 0;
    return {
      publicKey: me,
      digest: () => '',
      query: () => {
        throw new Error('not used');
      },
      handle(input, nowMs) {
        if (!leader || input.type === 'message') return { ok: true, output: empty };
        h += 1;
        return {
          ok: true,
          output: {
            send: [{ to: all, message: { type: 'COMMIT', block, certificate: { height: h, round: 0, blockHash: '', precommits: [] } } }],
            timers: [{ timer: { kind: 'commitWait', height: h, round: 0 }, atMs: nowMs + 100 }],
            effects: [],
          },
        };
      },
    };
  },
};
const scenario = resolveScenario({ name: 'engine-bench', nodes, durationMs, treaty: { validatorsMax: 1 }, workload: {}, network: {}, faults: [], byzantine: [], costModel: {} });
const t0 = performance.now();
const sim = startSimulation({ scenario, seed: 1, crypto: createSimulatedCryptoBackend(), reference: { label: 'noop', factory: noop }, wallNowMs: () => 0 });
const t1 = performance.now();
while (!sim.step(Infinity));
const t2 = performance.now();
const o = sim.finish();
const runMs = t2 - t1;
process.stdout.write(
  `${nodes} nodes, ${durationMs} ms virtual: setup ${(t1 - t0).toFixed(0)} ms; ${o.engine.events} events in ${runMs.toFixed(0)} ms = ${Math.round((o.engine.events * 1000) / runMs)} events/s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
);
