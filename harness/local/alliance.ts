// Builds an alliance of reference nodes (keys, treaty, nodes) on a LocalNet.

import type { KeyPair, NodeConfig, NodeEnv, NodeFactory, NodeUnderTest, Storage, Treaty, TreatyParams, VotePolicy } from '../../contract/index.js';
import { createCryptoBackend, deriveKeyPair, makeTreaty, type CryptoBackendName } from '../../protocol/index.js';
import { LocalNet, type NetOptions } from './net.js';
import { Sfc32 } from './prng.js';

export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
}

export interface AllianceOptions extends Omit<NetOptions, 'seed'> {
  readonly seed: number;
  readonly founders: number;
  readonly outsiders?: number;
  readonly treaty?: Partial<TreatyParams>;
  readonly crypto?: CryptoBackendName;
  readonly votePolicy?: (index: number) => { join: VotePolicy; share: VotePolicy };
  readonly factory: NodeFactory;
}

export interface Alliance {
  readonly net: LocalNet;
  readonly treaty: Treaty;
  readonly founders: KeyPair[];
  readonly outsiders: KeyPair[];
  readonly storages: Map<string, MemoryStorage>;
  readonly create: (keys: KeyPair, config?: Partial<NodeConfig>) => NodeUnderTest;
}

export function buildAlliance(o: AllianceOptions): Alliance {
  const crypto = createCryptoBackend(o.crypto ?? 'node');
  const ns = `seed-${o.seed}`;
  const founders = Array.from({ length: o.founders }, (_, i) => deriveKeyPair(crypto, `${ns}/founder`, i));
  const outsiders = Array.from({ length: o.outsiders ?? 0 }, (_, i) => deriveKeyPair(crypto, `${ns}/outsider`, i));
  const treaty = makeTreaty(
    crypto,
    'raa-local',
    founders.map((keys, i) => ({ keys, name: `founder-${i}`, params: { region: i % 2 === 0 ? 'north' : 'south' }, declaredAtMs: 1_000 + i })),
    o.treaty ?? {},
  );
  const net = new LocalNet({ ...o, seed: o.seed });
  const storages = new Map<string, MemoryStorage>();
  const caches = { verdicts: new Map<string, boolean>(), blocks: new WeakMap<object, unknown>() };
  const create = (keys: KeyPair, config: Partial<NodeConfig> = {}): NodeUnderTest => {
    let storage = storages.get(keys.publicKey);
    if (!storage) {
      storage = new MemoryStorage();
      storages.set(keys.publicKey, storage);
    }
    const env: NodeEnv = { keys, crypto, storage, rng: new Sfc32(o.seed, storages.size + 7), caches };
    return o.factory.create({ treaty, ...config }, env);
  };
  founders.forEach((keys, i) => net.add(create(keys, o.votePolicy ? { votePolicy: o.votePolicy(i) } : {})));
  outsiders.forEach((keys, i) => net.add(create(keys, { profile: { name: `outsider-${i}`, params: { region: 'east' } } })));
  return { net, treaty, founders, outsiders, storages, create };
}
