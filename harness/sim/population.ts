// Who takes part: founders (members at genesis), applicants (join later) and non-member share
// requesters, each with derived keys, persistent storage and its own PRNG stream.

import type { CryptoBackend, Hex, KeyPair, SecondaryRecord, SharingApi, Storage, Treaty } from '../../contract/index.js';
import { deriveKeyPair, makeTreaty } from '../../protocol/index.js';
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

/** Keys and treaty from (scenario, seed) alone; `keysOf` lets a worker pool supply the keys. */
export function buildPopulation(
  scenario: Scenario,
  seed: number,
  crypto: CryptoBackend,
  founderKeys?: readonly KeyPair[],
): Population {
  const ns = `${scenario.name}/s${seed}`;
  const founders = founderKeys ?? Array.from({ length: scenario.nodes }, (_, i) => deriveKeyPair(crypto, `${ns}/founder`, i));
  const applicants = Array.from({ length: scenario.workload.joins.countMax }, (_, i) => deriveKeyPair(crypto, `${ns}/applicant`, i));
  const pool = Math.min(REQUESTER_POOL_MAX, scenario.workload.nonMemberShares.countMax);
  const requesters = Array.from({ length: pool }, (_, i) => deriveKeyPair(crypto, `${ns}/requester`, i));
  const treaty = makeTreaty(
    crypto,
    allianceIdOf(scenario, seed),
    founders.map((keys, i) => ({ keys, name: `member-${i}`, params: { region: 'sim', role: 'member' }, declaredAtMs: i })),
    scenario.treaty,
  );
  return { treaty, founders, applicants, requesters };
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
