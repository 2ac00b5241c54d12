// Self-test: runs the suite against every mutant of the reference node; a mutant is killed when
// at least one check does not pass on it (FAIL, or ERROR / CRASH / TIMEOUT).

import type { NodeFactory } from '../../contract/index.js';
import { InProcessAdapter } from '../adapters/in-process.js';
import { MUTANTS, type Mutant } from './mutants.js';
import { runVectors } from './runner.js';
import type { Vector } from './vector.js';

export interface MutantResult {
  readonly name: string;
  readonly description: string;
  readonly technique: Mutant['technique'];
  readonly internalHook?: string;
  readonly killed: boolean;
  readonly killedBy: readonly string[];
}

export interface SelfTestResult {
  readonly killed: number;
  readonly total: number;
  readonly survivors: readonly string[];
  readonly notApplicable: readonly string[];
  readonly details: readonly MutantResult[];
}

export async function selfTest(reference: NodeFactory, vectors: readonly Vector[], mutants: readonly Mutant[] = MUTANTS, deadlineAtMs?: number): Promise<SelfTestResult> {
  const details: MutantResult[] = [];
  const notApplicable: string[] = [];
  for (const m of mutants) {
    if (m.requiresModule && !reference.capabilities.modules.includes(m.requiresModule)) {
      notApplicable.push(m.name);
      continue;
    }
    const factory = m.wrap(reference);
    const out = await runVectors({ openAdapter: () => new InProcessAdapter(factory), vectors, ...(deadlineAtMs === undefined ? {} : { deadlineAtMs }) });
    const killedBy = out.checks.filter((c) => c.status !== 'PASS' && c.status !== 'SKIP').map((c) => c.id);
    details.push({
      name: m.name,
      description: m.description,
      technique: m.technique,
      ...(m.internalHook ? { internalHook: m.internalHook } : {}),
      killed: killedBy.length > 0,
      killedBy,
    });
  }
  const killed = details.filter((d) => d.killed).length;
  return { killed, total: details.length, survivors: details.filter((d) => !d.killed).map((d) => d.name), notApplicable, details };
}
