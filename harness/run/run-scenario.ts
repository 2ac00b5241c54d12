// runScenario: one simulated run measured on the wall clock (the suite calls this; the CLI
// wraps it). Wall-clock and RSS measurement live here, outside the deterministic sim/.

import type { Results } from '../report/results.js';
import { SPEC_VERSION } from '../../contract/index.js';
import { loadScenario } from '../scenario/load.js';
import { cryptoBackendFor, type CryptoMode } from './crypto-mode.js';
import type { Scenario } from '../sim/scenario.js';
import { simulate, startSimulation, type ImplUnderTest, type SimOutcome } from '../sim/simulate.js';

/** Events per slice between event-loop turns (a slice is milliseconds of work). */
const STEP_EVENTS = 20_000;
/** From this many founders on, their keys and identities are made beside the worker threads: on
 *  this thread while the crypto-ahead worker checks them, or else as a batch on a keys pool. */
const POOL_KEYS_NODES_MIN = 2_000;
import { environment, gitCommit, lockfileHash, peakRssBytes } from './environment.js';
import { referenceImpl, resolveImpl } from './impl.js';
import { buildSections, replayCommand } from './sections.js';
import { founderMaterialOnPool } from './pool.js';
import { CryptoAhead, Lane } from './crypto-ahead.js';
import { fromHex } from '../../protocol/index.js';
import { founderMaterial, founderNamespace, type FounderMaterial } from '../sim/population.js';

export type { CryptoMode } from './crypto-mode.js';
export { cryptoBackendFor } from './crypto-mode.js';

export interface RunScenarioOptions {
  /** A built-in name or file path (resolved here), or an already resolved scenario. */
  readonly scenario: string | Scenario;
  readonly seed: number;
  readonly workers?: number;
  readonly crypto?: CryptoMode;
  readonly impl?: string;
  readonly argv?: readonly string[];
  readonly shouldStop?: () => boolean;
  /** Called between slices (about every STEP_EVENTS events) with where the run is. */
  readonly onProgress?: (p: { virtualMs: number; durationMs: number; events: number; height: number; wallMs: number }) => void;
  /** Factories already resolved (tests inject a toy factory; never call it "the node"). */
  readonly reference?: ImplUnderTest;
  readonly implUnderTest?: ImplUnderTest;
}

export interface RunScenarioResult {
  readonly results: Results;
  readonly outcome: SimOutcome;
  readonly scenario: Scenario;
}

export async function runScenario(opts: RunScenarioOptions): Promise<RunScenarioResult> {
  const scenario = typeof opts.scenario === 'string' ? loadScenario(opts.scenario) : opts.scenario;
  const scenarioArg = typeof opts.scenario === 'string' ? opts.scenario : scenario.name;
  const cryptoMode = opts.crypto ?? 'real';
  const implSpec = opts.impl ?? 'reference';
  const reference = opts.reference ?? (await referenceImpl());
  const mixedImpl = opts.implUnderTest ?? (implSpec === 'reference' ? undefined : await resolveImpl(implSpec));
  // A non-mixed scenario run with --impl X runs X on every node.
  const allImpl = mixedImpl !== undefined && scenario.mixed.implNodes === 0;
  const crypto = cryptoBackendFor(cryptoMode);
  const t0 = performance.now();
  const workers = opts.workers ?? 1;
  // Real Ed25519 work of simulated nodes (signing ahead, verifying ahead) goes to the other cores.
  const ahead = workers > 1 && cryptoMode === 'real' ? await CryptoAhead.start(crypto, workers - 1) : undefined;
  // The pool's threads keep the process alive: closed whatever happens from here (a node factory
  // that throws while the nodes are built used to leave the CLI hanging after its error).
  let sim: ReturnType<typeof startSimulation>;
  try {
    let founders: FounderMaterial[] | undefined;
    if (scenario.nodes >= POOL_KEYS_NODES_MIN && ahead !== undefined) {
      // Made here while the crypto-ahead worker starts and then checks each identity as it comes
      // (every node checks the founders' identities at genesis): a keys pool of its own took
      // longer (1.0 s for 10,000 founders, this thread alone 0.7 s) and left the worker idle.
      founders = founderMaterial(crypto, founderNamespace(scenario, opts.seed), 0, scenario.nodes, (f, payload) => {
        ahead.submitVerify({ publicKey: fromHex(f.identity.publicKey, 32), payload, signature: fromHex(f.identity.signature, 64) });
      });
      ahead.rememberKeys(founders.map((f) => f.keys));
    } else if (workers > 1 && scenario.nodes >= POOL_KEYS_NODES_MIN) {
      // Large populations: founders' keys and identities as a CPU batch on the worker pool.
      founders = await founderMaterialOnPool(scenario, opts.seed, cryptoMode, workers);
    }
    sim = startSimulation({
      ...(founders !== undefined ? { founders } : {}),
      ...(ahead !== undefined ? { presign: (secretKey: Uint8Array, payload: Uint8Array, early: boolean) => ahead.submitSign(secretKey, payload, early ? Lane.Forecast : Lane.Urgent) } : {}),
      scenario,
      seed: opts.seed,
      crypto: ahead?.backend() ?? crypto,
      reference: allImpl ? (mixedImpl as ImplUnderTest) : reference,
      ...(mixedImpl !== undefined && !allImpl ? { impl: mixedImpl } : {}),
      wallNowMs: () => performance.now(),
      ...(opts.shouldStop !== undefined ? { shouldStop: opts.shouldStop } : {}),
    });
    // Yield to the event loop between slices so Ctrl-C (SIGINT) is seen and partial results written.
    while (!sim.step(STEP_EVENTS)) {
      opts.onProgress?.({ ...sim.progress(), durationMs: scenario.durationMs, wallMs: performance.now() - t0 });
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await ahead?.close();
  }
  const outcome = sim.finish();
  const wallMs = performance.now() - t0;
  // Differential check (mixed runs): an honest implementation commits the same chain as the
  // all-reference run of the same seed.
  let differential: Record<string, unknown> | undefined;
  if (mixedImpl !== undefined && !allImpl) {
    const base = simulate({ scenario, seed: opts.seed, crypto, reference, wallNowMs: () => performance.now() });
    const equal = base.audit.headHash === outcome.audit.headHash && base.audit.height === outcome.audit.height;
    differential = {
      referenceHeadHash: base.audit.headHash,
      referenceHeight: base.audit.height,
      mixedHeadHash: outcome.audit.headHash,
      mixedHeight: outcome.audit.height,
      equal,
    };
    if (!equal) {
      outcome.violations.add({
        kind: 'differential',
        message: `with ${outcome.nodes.implNodes} ${mixedImpl.label} nodes the chain ends at ${outcome.audit.height} ${outcome.audit.headHash.slice(0, 12)}; all-reference: ${base.audit.height} ${base.audit.headHash.slice(0, 12)}`,
        atMs: outcome.virtualEndMs,
      });
    }
  }
  const replay = replayCommand(scenarioArg, opts.seed, cryptoMode, implSpec);
  const sections = buildSections(outcome, scenario, { wallMs, peakRssBytes: peakRssBytes() }, replay);
  const implUsed = allImpl ? (mixedImpl as ImplUnderTest) : reference;
  const results: Results = {
    schemaVersion: '1.0.0',
    ...(outcome.stopped ? { partial: true } : {}),
    run: {
      command: 'run',
      nodes: { ...outcome.nodes, total: outcome.nodes.founders + outcome.nodes.applicants + outcome.nodes.requesters },
      seed: opts.seed,
      scenario,
      implementation: {
        label: implSpec,
        name: implUsed.factory.implementation.name,
        version: implUsed.factory.implementation.version,
        ...(mixedImpl !== undefined && !allImpl ? { mixedWith: { name: mixedImpl.factory.implementation.name, nodes: outcome.nodes.implNodes } } : {}),
      },
      workers: opts.workers ?? 1,
      crypto: {
        mode: cryptoMode,
        backend: crypto.name,
        ...(cryptoMode === 'simulated' ? { note: 'SIMULATED signatures (keyed SHA-256 HMAC, not secure); Ed25519 cost modelled in virtual time' } : {}),
      },
      ...(ahead !== undefined ? { cryptoAhead: { threads: workers - 1, ...ahead.stats } } : {}),
      genesis: 'derived by every node from the shared treaty object (founder identities verified once per implementation through the shared verdict cache)',
      argv: [...(opts.argv ?? [])],
      commit: gitCommit(),
      lockfileHash: lockfileHash(),
      specVersion: SPEC_VERSION,
      env: environment(),
      replay,
    },
    ...sections,
    ...(differential !== undefined ? { differential } : {}),
  };
  return { results, outcome, scenario };
}
