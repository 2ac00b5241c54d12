// Seed sweeps on a Piscina pool: one independent simulation per task (a task is seconds of
// work, so the ~26 µs round trip is noise). workers = 1 runs in this thread; results are the
// same for any worker count because every run is a pure function of (scenario, seed).

import { Piscina } from 'piscina';
import type { Scenario } from '../sim/scenario.js';
import { runScenario } from './run-scenario.js';
import type { CryptoMode } from './crypto-mode.js';
import type { SimTask } from './sim-worker.js';
import type { KeysTask } from './keys-worker.js';
import { founderNamespace, type FounderMaterial } from '../sim/population.js';

export interface SweepOptions {
  readonly scenario: Scenario;
  readonly seeds: readonly number[];
  readonly workers: number;
  readonly crypto: CryptoMode;
  readonly impl: string;
  readonly argv?: readonly string[];
}

/** Full results of each seed's run, in the order of `seeds`. */
export async function runSeeds(o: SweepOptions): Promise<Record<string, any>[]> {
  const task = (seed: number): SimTask => ({ scenario: o.scenario, seed, crypto: o.crypto, impl: o.impl, argv: [...(o.argv ?? [])] });
  if (o.workers <= 1 || o.seeds.length <= 1) {
    const out: Record<string, any>[] = [];
    for (const seed of o.seeds) out.push((await runScenario({ ...task(seed), scenario: o.scenario })).results as Record<string, any>);
    return out;
  }
  const pool = new Piscina({
    filename: new URL('./sim-worker.js', import.meta.url).href,
    minThreads: 1,
    maxThreads: Math.min(o.workers, o.seeds.length),
  });
  try {
    return await Promise.all(o.seeds.map((seed) => pool.run(task(seed)) as Promise<Record<string, any>>));
  } finally {
    await pool.destroy();
  }
}

/** Founders per task of the population batch (each a few hundred ms of key work). */
const KEYS_BATCH = 2_500;

/**
 * Founders' keys and identities computed in batches on a pool (a CPU batch: the same bytes as
 * computing them in this thread, so the run does not change with the worker count).
 */
export async function founderMaterialOnPool(scenario: Scenario, seed: number, crypto: CryptoMode, workers: number): Promise<FounderMaterial[]> {
  const namespace = founderNamespace(scenario, seed);
  const pool = new Piscina({ filename: new URL('./keys-worker.js', import.meta.url).href, minThreads: 1, maxThreads: workers });
  try {
    const tasks: Promise<FounderMaterial[]>[] = [];
    for (let from = 0; from < scenario.nodes; from += KEYS_BATCH) {
      const task: KeysTask = { crypto, namespace, from, to: Math.min(scenario.nodes, from + KEYS_BATCH) };
      tasks.push(pool.run(task) as Promise<FounderMaterial[]>);
    }
    // One string object per key, as when computed here: a structured clone copies a string each
    // time it occurs, and a Map lookup then compares 64 characters instead of two pointers
    // (every vote looks its voter up in the member index).
    return (await Promise.all(tasks)).flat().map((f) => (f.identity.publicKey === f.keys.publicKey ? { keys: f.keys, identity: { ...f.identity, publicKey: f.keys.publicKey } } : f));
  } finally {
    await pool.destroy();
  }
}

/** The deterministic figures of a run: equal for equal (scenario, seed) on any worker count. */
export function fingerprint(r: Record<string, any>): Record<string, unknown> {
  return {
    seed: r.run.seed,
    headHash: r.finalState.headHash,
    height: r.finalState.height,
    events: r.metrics.sim.events,
    messages: r.metrics.sim.messages,
    blocks: r.metrics.chain.blocks,
    latencyMs: r.metrics.votes.latencyMs,
    safetyViolations: r.safety.violations,
    livenessViolations: r.liveness.violations,
  };
}
