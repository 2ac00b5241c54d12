// A synthetic, fully valid chain for measuring validation: a treaty of n founders, then blocks
// certified by the first k of them. Used by `bench node` to time catch-up validation and vote
// tallying through the NodeUnderTest interface, with real Ed25519 signatures.

import type { Block, CommitCertificate, CryptoBackend, Entry, Hex, KeyPair, Treaty } from '../../contract/index.js';
import {
  blockHash,
  deriveKeyPair,
  makeConsensusVote,
  makeShareRequest,
  makeTreaty,
  makeVote,
  shareRequestId,
} from '../../protocol/index.js';

export interface SyntheticChain {
  readonly treaty: Treaty;
  readonly founders: readonly KeyPair[];
  /** Blocks after genesis with their certificates, in height order. */
  readonly blocks: readonly { block: Block; certificate: CommitCertificate }[];
  readonly votes: number;
}

export interface SyntheticOptions {
  readonly members: number;
  readonly validatorsMax: number;
  /** Empty blocks appended after the vote blocks. */
  readonly emptyBlocks: number;
  /** Eligible members who vote (allow) on one S6 request; 0 for none. */
  readonly voters: number;
}

export function buildSyntheticChain(crypto: CryptoBackend, o: SyntheticOptions): SyntheticChain {
  const founders = Array.from({ length: o.members }, (_, i) => deriveKeyPair(crypto, 'synthetic', i));
  const treaty = makeTreaty(
    crypto,
    'synthetic',
    founders.map((keys, i) => ({ keys, name: `m${i}`, declaredAtMs: i })),
    { validatorsMax: o.validatorsMax, voteWindowBlocks: 1_000, maxBlockBytes: 64 * 1_048_576, maxMessageBytes: 256 * 1_048_576 },
  );
  const validators = founders.slice(0, Math.min(o.validatorsMax, o.members));
  const k = validators.length;
  const quorum = Math.floor((2 * k) / 3) + 1;
  const blocks: { block: Block; certificate: CommitCertificate }[] = [];
  let height = o.members;
  let prevHash: Hex = '';
  let timestampMs = o.members + 1_000;
  let lastCommit: CommitCertificate | null = null;
  // The genesis head hash: rebuild the genesis chain the way every node does (SPEC MEMB-003).
  {
    let prev = '0'.repeat(64);
    treaty.founders.forEach((identity, h) => {
      prev = blockHash(crypto, { height: h, round: 0, prevHash: prev, timestampMs: identity.declaredAtMs, proposer: identity.publicKey, lastCommit: null, entries: [{ kind: 'IDENTITY', identity }] });
    });
    prevHash = prev;
  }
  const append = (entries: Entry[]): void => {
    const proposer = validators[height % k] as KeyPair;
    const block: Block = { height, round: 0, prevHash, timestampMs, proposer: proposer.publicKey, lastCommit, entries };
    const hash = blockHash(crypto, block);
    const precommits = validators.slice(0, quorum).map((v) => ({
      validator: v.publicKey,
      signature: makeConsensusVote(crypto, v, treaty.allianceId, 'PRECOMMIT', height, 0, hash).signature,
    }));
    const certificate = { height, round: 0, blockHash: hash, precommits };
    blocks.push({ block, certificate });
    lastCommit = certificate;
    prevHash = hash;
    height++;
    timestampMs += 100;
  };
  if (o.voters > 0) {
    const outsider = deriveKeyPair(crypto, 'synthetic-outsider', 0);
    const request = makeShareRequest(crypto, outsider, { allianceId: treaty.allianceId, server: (founders[0] as KeyPair).publicKey, label: 'region=north', createdAtMs: timestampMs, nonce: 1 });
    const { signature: _s, ...body } = request;
    const requestId = shareRequestId(crypto, body);
    append([{ kind: 'SHARE_REQUEST', requestId, request }]);
    const voteEntries: Entry[] = founders
      .slice(0, o.voters)
      .map((f) => ({ kind: 'VOTE' as const, vote: makeVote(crypto, f, treaty.allianceId, requestId, true) }))
      .sort((a, b) => (a.vote.voter < b.vote.voter ? -1 : 1));
    append(voteEntries);
    if (2 * o.voters >= o.members) {
      // Settled: the next block must carry the decision (SPEC SHARE-006).
      append([{ kind: 'DATA_OPERATION', requestId, requester: outsider.publicKey, server: request.server, label: request.label, allows: o.voters, eligible: o.members, timestampMs }]);
    }
  }
  for (let i = 0; i < o.emptyBlocks; i++) append([]);
  return { treaty, founders, blocks, votes: o.voters };
}
