// Processing cost in virtual time, from the protocol's structure rather than from what one
// implementation happened to compute: a real node checks every signature a message carries and
// signs every message it sends, whatever caches the simulator shares among nodes. So virtual
// time does not depend on cache sharing or on the implementation (the differential check of
// mixed runs needs that), and wall-clock metrics show how fast the implementation really is.

import type { Block, Entry, Message, Output } from '../../contract/index.js';
import type { CostModel } from './scenario.js';
import type { SeenVotes } from './seen-votes.js';

function entrySignatures(e: Entry): number {
  switch (e.kind) {
    case 'IDENTITY':
    case 'SHARE_REQUEST':
    case 'VOTE':
    case 'ACCESS_LOG':
    case 'JOIN':
      return 1;
    case 'JOIN_REQUEST':
      return 2;
    default:
      return 0;
  }
}

const blockSigs = new WeakMap<Block, number>();
function blockSignatures(b: Block): number {
  let n = blockSigs.get(b);
  if (n === undefined) {
    n = b.lastCommit?.precommits.length ?? 0;
    for (const e of b.entries) n += entrySignatures(e);
    blockSigs.set(b, n);
  }
  return n;
}

const voteSignatures = new WeakMap<Block, readonly string[]>();

/** Votes in `b` whose signature `node` already checked when the VOTE arrived. */
function seenVotes(b: Block, seen: SeenVotes | null, node: number): number {
  if (seen === null || !seen.tracks(node)) return 0;
  let sigs = voteSignatures.get(b);
  if (sigs === undefined) {
    sigs = b.entries.flatMap((e) => (e.kind === 'VOTE' ? [e.vote.signature] : []));
    voteSignatures.set(b, sigs);
  }
  return seen.count(node, sigs);
}

/**
 * Signatures a receiver must check in `m`. A vote it checked on arrival is not checked again
 * inside a block (design §3), so validators, which receive the votes, pay for them once.
 */
export function signaturesIn(m: Message, seen: SeenVotes | null = null, node = -1): number {
  switch (m.type) {
    case 'JOIN_REQUEST':
      return 2;
    case 'SHARE_REQUEST':
    case 'VOTE':
    case 'ACCESS_LOG':
    case 'PREVOTE':
    case 'PRECOMMIT':
      return 1;
    case 'PROPOSAL':
      return 1 + blockSignatures(m.proposal.block) - seenVotes(m.proposal.block, seen, node);
    case 'COMMIT':
      return blockSignatures(m.block) - seenVotes(m.block, seen, node) + m.certificate.precommits.length;
    case 'BLOCK_RESPONSE': {
      let n = 0;
      for (const cb of m.blocks) n += blockSignatures(cb.block) + (cb.certificate?.precommits.length ?? 0);
      return n;
    }
    default:
      return 0;
  }
}

/** Signatures the sender made for its outgoing messages (one per payload, not per receiver). */
export function signaturesOut(out: Output): number {
  let n = 0;
  const sends = out.send;
  for (let i = 0; i < sends.length; i++) {
    const t = (sends[i] as (typeof sends)[number]).message.type;
    if (t === 'PROPOSAL' || t === 'PREVOTE' || t === 'PRECOMMIT' || t === 'VOTE' || t === 'ACCESS_LOG' || t === 'SHARE_REQUEST') n += 1;
    else if (t === 'JOIN_REQUEST') n += 2;
  }
  return n;
}

/** Virtual time to receive `received` (null: a timer or command): checks and hashing. */
export function receiveCostUs(cm: CostModel, received: Message | null, receivedBytes: number, seen: SeenVotes | null = null, node = -1): number {
  const kib = receivedBytes / 1024;
  return (received === null ? 0 : signaturesIn(received, seen, node) * cm.verifyUs + cm.sha256BaseUs) + Math.ceil(kib * (cm.sha256PerKiBUs + cm.receivePerKiBUs));
}

/** Virtual time to sign what `out` sends. */
export function sendCostUs(cm: CostModel, out: Output): number {
  return signaturesOut(out) * cm.signUs;
}
