// Byzantine behaviours as wrappers around an honest node: the wrapper lets the inner node work,
// then rewrites, duplicates or drops what it sends, crafting messages with protocol/ helpers and
// the node's own keys (so signatures are valid unless the behaviour is to break them).
// Colluding equivocators share a coordinator: the proposer forks a block, and every colluding
// validator votes for fork A to one half of its peers and fork B to the other.

import type { Block, CryptoBackend, HandleResult, Hex, Input, KeyPair, Message, NodeUnderTest, Outgoing, Treaty } from '../../contract/index.js';
import { blockHash, deriveKeyPair, makeConsensusVote, makeVote, proposalPayload, toHex } from '../../protocol/index.js';
import type { Xoshiro128 } from './prng.js';
import type { ByzantineBehaviour } from './scenario.js';

/** Forks the colluders agreed on, per (height, round). */
export class EquivocationCoordinator {
  /** Equivocating nodes: they get fork A; honest recipients are split between A and B. */
  readonly colluders = new Set<Hex>();
  readonly forks = new Map<string, { readonly a: Hex; readonly b: Hex; readonly groupB: ReadonlySet<Hex> }>();
}

export interface ByzantineContext {
  readonly keys: KeyPair;
  readonly crypto: CryptoBackend;
  readonly treaty: Treaty;
  readonly coordinator: EquivocationCoordinator;
  readonly rng: Xoshiro128;
  readonly outsider: KeyPair;
}

const REPLAY_RING_SIZE = 64;
const REPLAY_EVERY_HANDLES = 25;

function flipSignature(sig: Hex): Hex {
  const last = sig.charCodeAt(sig.length - 1);
  return sig.slice(0, -1) + (last === 0x30 ? '1' : '0');
}

export function outsiderKeys(crypto: CryptoBackend, index: number): KeyPair {
  return deriveKeyPair(crypto, 'byzantine-outsider', index);
}

export class ByzantineNode implements NodeUnderTest {
  readonly publicKey: Hex;
  private readonly has: ReadonlySet<ByzantineBehaviour>;
  private readonly ring: Message[] = [];
  private handles = 0;

  constructor(
    private readonly inner: NodeUnderTest,
    behaviours: readonly ByzantineBehaviour[],
    private readonly ctx: ByzantineContext,
  ) {
    this.publicKey = inner.publicKey;
    this.has = new Set(behaviours);
  }

  query() {
    return this.inner.query();
  }

  digest(): Hex {
    return this.inner.digest();
  }

  handle(input: Input, nowMs: number): HandleResult {
    if (this.has.has('replay') && input.type === 'message') this.remember(input.message);
    const result = this.inner.handle(input, nowMs);
    if (!result.ok) return result;
    const send: Outgoing[] = [];
    for (const o of result.output.send) this.rewrite(o, send);
    if (this.has.has('replay') && ++this.handles % REPLAY_EVERY_HANDLES === 0) this.replay(send);
    return { ok: true, output: { ...result.output, send } };
  }

  private remember(m: Message): void {
    if (m.type === 'COMMIT' || m.type === 'BLOCK_RESPONSE' || m.type === 'SHARE_RESPONSE') return;
    if (this.ring.length >= REPLAY_RING_SIZE) this.ring.splice(0, 1);
    this.ring.push(m);
  }

  private replay(send: Outgoing[]): void {
    if (this.ring.length === 0) return;
    const m = this.ring[this.ctx.rng.below(this.ring.length)] as Message;
    send.push({ to: this.inner.query().validators.filter((v) => v !== this.publicKey), message: m });
  }

  private rewrite(o: Outgoing, send: Outgoing[]): void {
    const m = o.message;
    const has = this.has;
    switch (m.type) {
      case 'VOTE': {
        if (has.has('withholdVotes')) return;
        if (has.has('badSignatures')) {
          send.push({ to: o.to, message: { type: 'VOTE', vote: { ...m.vote, signature: flipSignature(m.vote.signature) } } });
          return;
        }
        send.push(o);
        const { allianceId, requestId } = m.vote;
        if (has.has('doubleVotes')) {
          send.push({ to: o.to, message: { type: 'VOTE', vote: makeVote(this.ctx.crypto, this.ctx.keys, allianceId, requestId, !m.vote.allow) } });
        }
        if (has.has('nonMemberVotes')) {
          send.push({ to: o.to, message: { type: 'VOTE', vote: makeVote(this.ctx.crypto, this.ctx.outsider, allianceId, requestId, true) } });
        }
        return;
      }
      case 'PREVOTE':
      case 'PRECOMMIT': {
        if (has.has('withholdVotes')) return;
        if (has.has('badSignatures')) {
          send.push({ to: o.to, message: { type: m.type, vote: { ...m.vote, signature: flipSignature(m.vote.signature) } } });
          return;
        }
        const fork = has.has('equivocate') ? this.ctx.coordinator.forks.get(`${m.vote.height}/${m.vote.round}`) : undefined;
        if (fork === undefined) {
          send.push(o);
          return;
        }
        const step = m.type;
        const vote = (hash: Hex): Message => ({
          type: step,
          vote: makeConsensusVote(this.ctx.crypto, this.ctx.keys, this.ctx.treaty.allianceId, step, m.vote.height, m.vote.round, hash),
        });
        const toA = o.to.filter((k) => !fork.groupB.has(k));
        const toB = o.to.filter((k) => fork.groupB.has(k));
        if (toA.length > 0) send.push({ to: toA, message: vote(fork.a) });
        if (toB.length > 0) send.push({ to: toB, message: vote(fork.b) });
        return;
      }
      case 'PROPOSAL': {
        if (has.has('badSignatures')) {
          send.push({ to: o.to, message: { type: 'PROPOSAL', proposal: { ...m.proposal, signature: flipSignature(m.proposal.signature) } } });
          return;
        }
        if (has.has('forgedTimestamps')) {
          const block = { ...m.proposal.block, timestampMs: m.proposal.block.timestampMs + 10 * this.ctx.treaty.clockSkewMs + 60_000 };
          send.push({ to: o.to, message: this.signedProposal(m, block) });
          return;
        }
        if (has.has('equivocate')) {
          this.equivocate(o, m, send);
          return;
        }
        send.push(o);
        return;
      }
      default:
        send.push(o);
    }
  }

  private signedProposal(m: Extract<Message, { type: 'PROPOSAL' }>, block: Block): Message {
    const p = m.proposal;
    const hash = blockHash(this.ctx.crypto, block);
    const payload = proposalPayload(this.ctx.treaty.allianceId, { height: p.height, round: p.round, polRound: p.polRound, proposer: p.proposer }, hash);
    return { type: 'PROPOSAL', proposal: { ...p, block, signature: toHex(this.ctx.crypto.sign(this.ctx.keys.secretKey, payload)) } };
  }

  /** Sends block A to every other recipient and a twin block B to the rest. */
  private equivocate(o: Outgoing, m: Extract<Message, { type: 'PROPOSAL' }>, send: Outgoing[]): void {
    const a = m.proposal.block;
    const b: Block = { ...a, timestampMs: a.timestampMs + 1 };
    const msgB = this.signedProposal(m, b);
    const colluders = this.ctx.coordinator.colluders;
    const honest = o.to.filter((k) => !colluders.has(k));
    const groupB = honest.filter((_, i) => i % 2 === 1);
    const inB = new Set(groupB);
    const groupA = o.to.filter((k) => !inB.has(k));
    this.ctx.coordinator.forks.set(`${m.proposal.height}/${m.proposal.round}`, {
      a: blockHash(this.ctx.crypto, a),
      b: blockHash(this.ctx.crypto, b),
      groupB: new Set(groupB),
    });
    if (groupA.length > 0) send.push({ to: groupA, message: m });
    if (groupB.length > 0) send.push({ to: groupB, message: msgB });
  }
}
