// Who takes part: founders (members at genesis), applicants (join later) and non-member share
// requesters, each with derived keys, persistent storage and its own PRNG stream.

import { TREATY_DEFAULTS, type CryptoBackend, type Hex, type Identity, type KeyPair, type SecondaryRecord, type SharingApi, type Storage, type Treaty } from '../../contract/index.js';
import { deriveKeyPair, signIdentity } from '../../protocol/index.js';
import type { Scenario } from './scenario.js';

export class MapStorage implements Storage {
  private readonly map = new Map<string, string>();
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
}

export interface Population {
  readonly treaty: Treaty;
  readonly founders: readonly KeyPair[];
  readonly applicants: readonly KeyPair[];
  readonly requesters: readonly KeyPair[];
}

/** Non-member requesters rotate through a pool this large (each makes many requests). */
export const REQUESTER_POOL_MAX = 16;

export function allianceIdOf(scenario: Scenario, seed: number): string {
  return `${scenario.name}-${seed}`.slice(0, 64);
}

/** A founder's keys and signed identity (computed here or, in batches, on a worker pool). */
export interface FounderMaterial {
  readonly keys: KeyPair;
  readonly identity: Identity;
}

export function founderNamespace(scenario: Scenario, seed: number): string {
  return `${scenario.name}/s${seed}/founder`;
}

/** Founders [from, to): keys derived from (scenario, seed, index), identity declared at `index`;
 *  `onEach` sees each as soon as it is made, with the payload its identity was signed over. */
export function founderMaterial(
  crypto: CryptoBackend,
  namespace: string,
  from: number,
  to: number,
  onEach?: (f: FounderMaterial, identityPayload: Uint8Array) => void,
): FounderMaterial[] {
  const out: FounderMaterial[] = [];
  for (let i = from; i < to; i++) {
    const keys = deriveKeyPair(crypto, namespace, i);
    const { identity, payload } = signIdentity(crypto, keys, `member-${i}`, { region: 'sim', role: 'member' }, i);
    const f = { keys, identity };
    onEach?.(f, payload);
    out.push(f);
  }
  return out;
}

/** Keys and treaty from (scenario, seed) alone; `founders` lets a worker pool supply them. */
export function buildPopulation(
  scenario: Scenario,
  seed: number,
  crypto: CryptoBackend,
  founders: readonly FounderMaterial[] = founderMaterial(crypto, founderNamespace(scenario, seed), 0, scenario.nodes),
): Population {
  const ns = `${scenario.name}/s${seed}`;
  const applicants = Array.from({ length: scenario.workload.joins.countMax }, (_, i) => deriveKeyPair(crypto, `${ns}/applicant`, i));
  const pool = Math.min(REQUESTER_POOL_MAX, scenario.workload.nonMemberShares.countMax);
  const requesters = Array.from({ length: pool }, (_, i) => deriveKeyPair(crypto, `${ns}/requester`, i));
  const treaty: Treaty = {
    ...TREATY_DEFAULTS,
    ...scenario.treaty,
    allianceId: allianceIdOf(scenario, seed),
    founders: founders.map((f) => f.identity),
  };
  return { treaty, founders: founders.map((f) => f.keys), applicants, requesters };
}

/** A small deterministic S2 sharing API: `recordsPerNode` hourly records labelled kind=meter. */
export function syntheticSharing(owner: Hex, recordsPerNode: number): SharingApi {
  let records: SecondaryRecord[] | null = null;
  return {
    query(label: string): readonly SecondaryRecord[] {
      if (records === null) {
        records = Array.from({ length: recordsPerNode }, (_, i) => ({
          meterId: `${owner.slice(0, 8)}-m${i % 4}`,
          hourStartMs: i * 3_600_000,
          energyWh: 1_000 + ((i * 7919) % 5_000),
          completenessPermille: 1_000,
          // Even records are hourly meter energy, odd ones bid-curve steps (price tier in `tier`).
          labels: i % 2 === 0 ? { kind: 'meter', hour: String(i % 24) } : { kind: 'bid', tier: String(i % 5) },
        }));
      }
      const eq = label.indexOf('=');
      const key = label.slice(0, eq);
      const value = label.slice(eq + 1);
      return records.filter((r) => r.labels[key] === value);
    },
  };
}
