// Deterministic alliances for the checks: keys from protocol deriveKeyPair (namespace
// 'conformance/…'), a treaty from makeTreaty, sharing data per founder. Same on every machine.

import type { NodeConfig, SecondaryRecord, TreatyParams, VotePolicy } from '../../contract/index.js';
import { createCryptoBackend, deriveKeyPair, makeTreaty, toHex } from '../../protocol/index.js';
import type { VectorNode } from './vector.js';

export const CONFORMANCE_ALLIANCE = 'raa-conformance';
/** Virtual start time of every recording (2023-11-14T22:13:20Z). */
export const START_MS = 1_700_000_000_000;

const crypto = createCryptoBackend('node');

export function fixtureCrypto(): ReturnType<typeof createCryptoBackend> {
  return crypto;
}

/** Hourly records labelled region=north|south, kind=load, for founder `index`. */
export function sharingRecords(index: number): SecondaryRecord[] {
  return Array.from({ length: 4 }, (_, h) => ({
    meterId: `m-${index}-${h % 2}`,
    hourStartMs: START_MS - 3_600_000 * (4 - h),
    energyWh: 1_000 * (index + 1) + 37 * h,
    completenessPermille: 1_000,
    labels: { region: h % 2 === 0 ? 'north' : 'south', kind: 'load' },
  }));
}

export interface AllianceSpec {
  readonly founders: number;
  readonly outsiders?: number;
  readonly treaty?: Partial<TreatyParams>;
  /** Vote policy of founder i (default allow/allow). */
  readonly votePolicy?: (index: number) => { join: VotePolicy; share: VotePolicy };
  readonly outsiderPolicy?: { join: VotePolicy; share: VotePolicy };
  /** Declared timestamp of founder i (default START_MS - 60 000 + i). */
  readonly declaredAtMs?: (index: number) => number;
}

/** Nodes f0…f(F-1) (founders, in genesis order) and o0… (outsiders: applicants, requesters). */
export function allianceNodes(spec: AllianceSpec): VectorNode[] {
  const founderKeys = Array.from({ length: spec.founders }, (_, i) => deriveKeyPair(crypto, 'conformance/founder', i));
  const outsiderKeys = Array.from({ length: spec.outsiders ?? 0 }, (_, i) => deriveKeyPair(crypto, 'conformance/outsider', i));
  const treaty = makeTreaty(
    crypto,
    CONFORMANCE_ALLIANCE,
    founderKeys.map((keys, i) => ({ keys, name: `founder-${i}`, params: { region: i % 2 === 0 ? 'north' : 'south' }, declaredAtMs: spec.declaredAtMs?.(i) ?? START_MS - 60_000 + i })),
    spec.treaty ?? {},
  );
  const founders = founderKeys.map((keys, i): VectorNode => {
    const config: NodeConfig = spec.votePolicy ? { treaty, votePolicy: spec.votePolicy(i) } : { treaty };
    return { name: `f${i}`, secretKey: toHex(keys.secretKey), publicKey: keys.publicKey, rngSeed: 100 + i, config, sharing: sharingRecords(i) };
  });
  const outsiders = outsiderKeys.map((keys, i): VectorNode => {
    const base: NodeConfig = { treaty, profile: { name: `outsider-${i}`, params: { region: 'east' } } };
    const config: NodeConfig = spec.outsiderPolicy ? { ...base, votePolicy: spec.outsiderPolicy } : base;
    return { name: `o${i}`, secretKey: toHex(keys.secretKey), publicKey: keys.publicKey, rngSeed: 200 + i, config, sharing: sharingRecords(10 + i) };
  });
  return [...founders, ...outsiders];
}
