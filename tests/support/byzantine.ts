// Byzantine validators for tests: an equivocating proposer and equivocating voters, built as
// rewrites of what a faulty node sends (the node itself stays the reference implementation).

import type { Hex, KeyPair, Message } from '../../contract/index.js';
import { blockHash, createCryptoBackend, makeConsensusVote, proposalPayload, toHex } from '../../protocol/index.js';

const crypto = createCryptoBackend('node');

/** Sends a conflicting, validly signed proposal and votes to every other receiver. */
export function equivocator(keys: KeyPair, allianceId: string) {
  return (to: Hex, message: Message): Message[] => {
    const flip = to.charCodeAt(0) % 2 === 0;
    if (!flip) return [message];
    if (message.type === 'PROPOSAL') {
      const p = message.proposal;
      const block = { ...p.block, timestampMs: p.block.timestampMs + 1 };
      const hash = blockHash(crypto, block);
      const body = { height: p.height, round: p.round, polRound: p.polRound, proposer: p.proposer };
      const signature = toHex(crypto.sign(keys.secretKey, proposalPayload(allianceId, body, hash)));
      return [{ type: 'PROPOSAL', proposal: { ...body, block, signature } }];
    }
    if (message.type === 'PREVOTE' || message.type === 'PRECOMMIT') {
      const v = message.vote;
      const other = v.blockHash === null ? 'f'.repeat(64) : null;
      return [{ type: message.type, vote: makeConsensusVote(crypto, keys, allianceId, message.type, v.height, v.round, other) }];
    }
    return [message];
  };
}
