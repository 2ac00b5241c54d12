// Figures of the reference node's core on one core: blocks/s of validation (a fresh node
// catching up through COMMIT messages: decode checks, hashing, certificate signatures, entry
// rules, state update) and votes/s of tallying (a block of signed votes, verified and counted).

import { performance } from 'node:perf_hooks';
import type { CryptoBackend, Input, NodeFactory } from '../../contract/index.js';
import { createCryptoBackend, type CryptoBackendName } from '../../protocol/index.js';
import { MemoryStorage } from '../local/alliance.js';
import { median } from '../metrics/stats.js';
import { Sfc32 } from '../local/prng.js';
import { buildSyntheticChain, type SyntheticChain } from './synthetic-chain.js';

export interface CoreFigure {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly samples: readonly number[];
}

function replay(factory: NodeFactory, crypto: CryptoBackend, chain: SyntheticChain, from: number, to: number): number {
  const keys = chain.founders[chain.founders.length - 1];
  if (!keys) throw new Error('empty chain');
  const node = factory.create({ treaty: chain.treaty }, { keys, crypto, storage: new MemoryStorage(), rng: new Sfc32(1) });
  for (let i = 0; i < from; i++) feed(node, chain, i);
  const t0 = performance.now();
  for (let i = from; i < to; i++) feed(node, chain, i);
  return performance.now() - t0;
}

function feed(node: ReturnType<NodeFactory['create']>, chain: SyntheticChain, i: number): void {
  const b = chain.blocks[i];
  if (!b) throw new Error(`no block ${i}`);
  // A structural clone, as if the block arrived off the wire: no memo of a previous run applies.
  const message = structuredClone({ type: 'COMMIT' as const, block: b.block, certificate: b.certificate });
  const input: Input = { type: 'message', from: b.block.proposer, message };
  const r = node.handle(input, b.block.timestampMs);
  if (!r.ok) throw new Error(`block ${b.block.height} refused: ${r.error.code} ${r.error.message}`);
}

export function measureReferenceCore(factory: NodeFactory, backend: CryptoBackendName = 'node', samples = 5): CoreFigure[] {
  const crypto = createCryptoBackend(backend);
  const out: CoreFigure[] = [];
  for (const k of [4, 32]) {
    const chain = buildSyntheticChain(crypto, { members: k, validatorsMax: k, emptyBlocks: 200, voters: 0 });
    const xs = Array.from({ length: samples }, () => (200 * 1000) / replay(factory, createCryptoBackend(backend), chain, 0, 200));
    out.push({ name: `block validation (empty blocks, ${k} validators)`, unit: 'blocks/s', median: median(xs), samples: xs });
  }
  const voters = 1_000;
  const chain = buildSyntheticChain(crypto, { members: voters, validatorsMax: 32, emptyBlocks: 0, voters });
  const xs = Array.from({ length: samples }, () => (voters * 1000) / replay(factory, createCryptoBackend(backend), chain, 1, 2));
  out.push({ name: `vote tally (block of ${voters} signed votes, 32 validators)`, unit: 'votes/s', median: median(xs), samples: xs });
  return out;
}
