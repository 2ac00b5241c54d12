// The registry of checks: every check, tagged with the SPEC IDs it verifies. Vectors are built
// from it by recording the reference node, so the in-memory suite and exported vectors agree.

import type { NodeFactory } from '../../contract/index.js';
import type { CheckDef } from './checks/kit.js';
import { consensusChecks } from './checks/consensus.js';
import { joinChecks } from './checks/join.js';
import { shareChecks } from './checks/share.js';
import { membershipChecks } from './checks/membership.js';
import { errorChecks } from './checks/errors.js';
import { modelChecks } from './checks/model.js';
import { dataChecks } from './checks/data.js';
import type { Vector } from './vector.js';

export const CHECKS: readonly CheckDef[] = [...modelChecks, ...membershipChecks, ...consensusChecks, ...errorChecks, ...joinChecks, ...shareChecks, ...dataChecks];

export class CheckBuildError extends Error {
  override readonly name = 'CheckBuildError';
}

/** Records every check's vector with `factory` (the reference node). */
export function buildVectors(factory: NodeFactory, checks: readonly CheckDef[] = CHECKS): Vector[] {
  const ids = new Set<string>();
  return checks.map((check) => {
    if (ids.has(check.id)) throw new CheckBuildError(`duplicate check id ${check.id}`);
    ids.add(check.id);
    try {
      const vector = check.build({ factory });
      return { ...vector, requires: { modules: check.modules, features: check.features } };
    } catch (error) {
      throw new CheckBuildError(`check ${check.id}: the reference node could not record it: ${(error as Error).message}`);
    }
  });
}
