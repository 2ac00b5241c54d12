// A small alliance run to a point where every kind of bad input can be aimed at a node:
// 5 founders (validatorsMax 4, so founder 4 is a member but not a validator), one admitted
// joiner, one open S6 share request nobody votes on, one decided join request.

import type { Block, CommitCertificate, Hex, KeyPair, NodeUnderTest } from '../../contract/index.js';
import { referenceFactory } from '../../harness/adapters/reference.js';
import { buildAlliance, type Alliance } from '../../harness/local/alliance.js';

export interface Fixture {
  readonly a: Alliance;
  readonly founders: readonly KeyPair[];
  readonly joiner: KeyPair;
  readonly requester: KeyPair;
  readonly outsider: KeyPair;
  readonly openRequestId: Hex;
  readonly decidedRequestId: Hex;
  /** A node that has only genesis, and the first committed blocks with their certificates. */
  readonly fresh: () => NodeUnderTest;
  readonly committed: readonly { block: Block; certificate: CommitCertificate }[];
}

export function buildFixture(seed = 11): Fixture {
  const a = buildAlliance({
    seed,
    founders: 5,
    outsiders: 3,
    factory: referenceFactory,
    treaty: { validatorsMax: 4, voteWindowBlocks: 500 },
    votePolicy: () => ({ join: 'allow', share: 'abstain' }),
  });
  const [joiner, requester, outsider] = a.outsiders as [KeyPair, KeyPair, KeyPair];
  const f = a.founders;
  for (const k of f) a.net.command(k.publicKey, { type: 'start' }, 2_000);
  a.net.run(2_400);
  a.net.command(requester.publicKey, { type: 'requestShare', server: f[1]!.publicKey, label: 'region=north', nonce: 7 }, 2_400);
  a.net.command(joiner.publicKey, { type: 'applyToJoin', via: [f[2]!.publicKey], createdAtMs: 2_500 }, 2_500);
  a.net.run(8_000, () => a.net.effectsOf('joined').length > 0 && a.net.nodes.get(joiner.publicKey)!.query().isMember);
  a.net.run(a.net.nowMs + 1_000);
  const submitted = a.net.effectsOf('requestSubmitted');
  const id = (k: KeyPair): Hex => submitted.find((r) => r.node === k.publicKey)!.effect.requestId;
  const blocks = a.net.effectsOf('committed').filter((r) => r.node === f[0]!.publicKey).map((r) => r.effect.block);
  const committed = blocks.slice(0, -1).map((block, i) => ({ block, certificate: blocks[i + 1]!.lastCommit as CommitCertificate }));
  return {
    a,
    founders: f,
    joiner,
    requester,
    outsider,
    openRequestId: id(requester),
    decidedRequestId: id(joiner),
    fresh: () => a.create(f[4]!, { votePolicy: { join: 'allow', share: 'abstain' } }),
    committed,
  };
}
