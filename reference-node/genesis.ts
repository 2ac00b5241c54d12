// The original chain (SPEC MEMB-001, MEMB-002, MEMB-003): one block per founder holding its
// IDENTITY entry, ordered by (declared timestamp, public-key bytes), chained from the zero hash.
// Derived from the treaty alone and checked by every node.

import { LIMITS, TREATY_BOUNDS, ZERO_HASH, type Block, type Treaty, type TreatyParams } from '../contract/index.js';
import { genesisState, type ChainState } from './chain-state.js';
import { identityError } from './entries.js';
import { identityShape } from './shape.js';
import type { Sealer } from './seal.js';
import type { Verifier } from './verify.js';

export class TreatyError extends Error {
  override readonly name = 'TreatyError';
}

const JOIN_RULES = ['majority', 'half', 'twoThirds', 'unanimous'];

/** Throws TreatyError naming the field and what was expected. */
export function checkTreaty(treaty: Treaty, verifier: Verifier): void {
  if (typeof treaty.allianceId !== 'string' || treaty.allianceId.length === 0 || treaty.allianceId.length > LIMITS.allianceIdBytesMax) {
    throw new TreatyError(`treaty.allianceId: expected a non-empty string of at most ${LIMITS.allianceIdBytesMax} bytes`);
  }
  for (const [field, [min, max]] of Object.entries(TREATY_BOUNDS) as [keyof TreatyParams, [number, number]][]) {
    const v = treaty[field];
    if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) {
      throw new TreatyError(`treaty.${field}: expected an integer in [${min}, ${max}], got ${String(v)}`);
    }
  }
  if (!JOIN_RULES.includes(treaty.joinRule)) throw new TreatyError(`treaty.joinRule: expected one of ${JOIN_RULES.join('|')}`);
  if (!Array.isArray(treaty.founders) || treaty.founders.length === 0 || treaty.founders.length > LIMITS.foundersMax) {
    throw new TreatyError(`treaty.founders: expected 1..${LIMITS.foundersMax} identities`);
  }
  const keys = new Set<string>();
  treaty.founders.forEach((identity, i) => {
    const shape = identityShape(identity);
    if (shape) throw new TreatyError(`treaty.founders[${i}]${shape}`);
    if (keys.has(identity.publicKey)) throw new TreatyError(`treaty.founders[${i}].publicKey: duplicate founder`);
    keys.add(identity.publicKey);
    const bad = identityError(verifier, identity);
    if (bad) throw new TreatyError(`treaty.founders[${i}]: ${bad.message}`);
  });
}

/** Genesis blocks in order; timestamps are made strictly increasing (ties get +1 ms). */
export function genesisBlocks(treaty: Treaty): Block[] {
  const founders = [...treaty.founders].sort((a, b) =>
    a.declaredAtMs !== b.declaredAtMs ? a.declaredAtMs - b.declaredAtMs : a.publicKey < b.publicKey ? -1 : 1,
  );
  const blocks: Block[] = [];
  let prevTs = -1;
  founders.forEach((identity, height) => {
    const timestampMs = Math.max(identity.declaredAtMs, prevTs + 1);
    prevTs = timestampMs;
    blocks.push({
      height,
      round: 0,
      prevHash: ZERO_HASH, // replaced below once the parent's hash is known
      timestampMs,
      proposer: identity.publicKey,
      lastCommit: null,
      entries: [{ kind: 'IDENTITY', identity }],
    });
  });
  return blocks;
}

/**
 * Checks the treaty and derives the state after genesis. `memo` (keyed by the treaty object,
 * which is immutable) may be shared among honest nodes: the result is a pure function of it.
 */
export function deriveGenesis(
  treaty: Treaty,
  verifier: Verifier,
  sealer: Sealer,
  memo: WeakMap<object, unknown> | undefined,
): ChainState {
  const cached = memo?.get(treaty) as ChainState | undefined;
  if (cached) return cached;
  checkTreaty(treaty, verifier);
  const unchained = genesisBlocks(treaty);
  const blocks: Block[] = [];
  const hashes: string[] = [];
  let prevHash = ZERO_HASH;
  for (const b of unchained) {
    const block = { ...b, prevHash };
    prevHash = sealer.seal(block).hash;
    blocks.push(block);
    hashes.push(prevHash);
  }
  const state = genesisState(treaty, blocks, hashes);
  memo?.set(treaty, state);
  return state;
}
