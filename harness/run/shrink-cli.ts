// --shrink: after a failing run, search for a smaller scenario that still fails and print it.

import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CliIo } from '../cli/command.js';
import type { Scenario } from '../sim/scenario.js';
import { shrinkScenario } from '../sim/shrink.js';
import { cryptoBackendFor, type CryptoMode } from './run-scenario.js';
import { referenceImpl, resolveImpl } from './impl.js';
import { simulate } from '../sim/simulate.js';

export interface ShrinkRequest {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly crypto: CryptoMode;
  readonly impl: string;
  readonly scenarioArg: string;
  readonly out: string;
}

export async function shrinkFailingRun(req: ShrinkRequest, io: CliIo): Promise<Scenario> {
  const reference = referenceImpl();
  const impl = req.impl === 'reference' ? undefined : await resolveImpl(req.impl);
  const crypto = cryptoBackendFor(req.crypto);
  const fails = (s: Scenario): boolean => {
    const allImpl = impl !== undefined && s.mixed.implNodes === 0;
    const o = simulate({ scenario: s, seed: req.seed, crypto, reference: allImpl ? impl : reference, ...(impl !== undefined && !allImpl ? { impl } : {}), wallNowMs: () => 0 });
    return o.violations.count > 0;
  };
  const { scenario, steps } = shrinkScenario(req.scenario, fails, (line) => io.stdout(`shrink: ${line}`));
  mkdirSync(req.out, { recursive: true });
  const path = join(req.out, 'shrunk-scenario.yaml');
  const named = { ...scenario, name: `${scenario.name}-shrunk`.slice(0, 48) };
  writeFileSync(path, stringify(named, { aliasDuplicateObjects: false }));
  io.stdout(`shrink: ${steps} reductions; minimal failing scenario: ${path} (${named.nodes} nodes, ${named.durationMs} ms, ${named.faults.length} faults, ${named.byzantine.length} byzantine groups)`);
  io.stdout(`shrink: replay: raa-bench run --scenario ${path} --seed ${req.seed}${req.crypto === 'simulated' ? ' --crypto simulated' : ''}`);
  return named;
}
