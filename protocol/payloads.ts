// Signing payloads and derived ids (SPEC.md §4). Each payload carries a `type` for domain
// separation and the alliance id, so a signature can never be replayed across kinds or alliances.

import type {
  AccessLogBatch,
  Block,
  ConsensusStep,
  ConsensusVote,
  CryptoBackend,
  Hex,
  Identity,
  JoinRequest,
  Proposal,
  ShareRequest,
  Vote,
} from '../contract/index.js';
import { canonicalBytes, flatCanonicalBytes, sortedKeys, toHex } from './encoding.js';

type Unsigned<T> = Omit<T, 'signature'>;

export function identityPayload(identity: Unsigned<Identity>): Uint8Array {
  const { publicKey, name, params, declaredAtMs } = identity;
  return canonicalBytes({ type: 'IDENTITY', publicKey, name, params, declaredAtMs });
}

export function joinRequestPayload(request: Unsigned<JoinRequest>): Uint8Array {
  const { allianceId, applicant, createdAtMs } = request;
  return canonicalBytes({ type: 'JOIN_REQUEST', allianceId, applicant, createdAtMs });
}

export function shareRequestPayload(request: Unsigned<ShareRequest>): Uint8Array {
  const { allianceId, requester, server, label, createdAtMs, nonce } = request;
  return canonicalBytes({ type: 'SHARE_REQUEST', allianceId, requester, server, label, createdAtMs, nonce });
}

const VOTE_KEYS = sortedKeys('allianceId', 'allow', 'requestId', 'type', 'voter');
const CONSENSUS_VOTE_KEYS = sortedKeys('allianceId', 'blockHash', 'height', 'round', 'type', 'validator');

export function votePayload(vote: Unsigned<Vote>): Uint8Array {
  const { allianceId, requestId, voter, allow } = vote;
  return flatCanonicalBytes(VOTE_KEYS, [allianceId, allow, requestId, 'VOTE', voter]);
}

export function accessLogPayload(batch: Unsigned<AccessLogBatch>): Uint8Array {
  const { allianceId, server, seq, records } = batch;
  return canonicalBytes({ type: 'ACCESS_LOG', allianceId, server, seq, records });
}

export function proposalPayload(allianceId: string, p: Omit<Unsigned<Proposal>, 'block'>, blockHash: Hex): Uint8Array {
  const { height, round, polRound, proposer } = p;
  return canonicalBytes({ type: 'PROPOSAL', allianceId, height, round, polRound, proposer, blockHash });
}

export function consensusVotePayload(allianceId: string, step: ConsensusStep, v: Unsigned<ConsensusVote>): Uint8Array {
  const { height, round, blockHash, validator } = v;
  return flatCanonicalBytes(CONSENSUS_VOTE_KEYS, [allianceId, blockHash, height, round, step, validator]);
}

export function sha256Hex(crypto: CryptoBackend, bytes: Uint8Array): Hex {
  return toHex(crypto.sha256(bytes));
}

export function joinRequestId(crypto: CryptoBackend, request: Unsigned<JoinRequest>): Hex {
  return sha256Hex(crypto, joinRequestPayload(request));
}

export function shareRequestId(crypto: CryptoBackend, request: Unsigned<ShareRequest>): Hex {
  return sha256Hex(crypto, shareRequestPayload(request));
}

/** Block hash: SHA-256 of the canonical encoding of the whole block (SPEC CHAIN-001). */
export function blockHash(crypto: CryptoBackend, block: Block): Hex {
  return sha256Hex(crypto, canonicalBytes(block));
}
