// Builders for signed protocol objects. Used by nodes (their own messages) and by the harness
// (treaties, applicants, Byzantine messages, vectors).

import type {
  AccessLogBatch,
  AccessRecord,
  ConsensusStep,
  ConsensusVote,
  CryptoBackend,
  Hex,
  Identity,
  JoinRequest,
  KeyPair,
  ShareRequest,
  Vote,
} from '../contract/index.js';
import { toHex } from './encoding.js';
import {
  accessLogPayload,
  consensusVotePayload,
  identityPayload,
  joinRequestPayload,
  shareRequestPayload,
  votePayload,
} from './payloads.js';

function signHex(crypto: CryptoBackend, keys: KeyPair, payload: Uint8Array): Hex {
  return toHex(crypto.sign(keys.secretKey, payload));
}

export function makeIdentity(
  crypto: CryptoBackend,
  keys: KeyPair,
  name: string,
  params: Record<string, string>,
  declaredAtMs: number,
): Identity {
  return signIdentity(crypto, keys, name, params, declaredAtMs).identity;
}

/** makeIdentity, with the payload bytes the identity was signed over. */
export function signIdentity(
  crypto: CryptoBackend,
  keys: KeyPair,
  name: string,
  params: Record<string, string>,
  declaredAtMs: number,
): { identity: Identity; payload: Uint8Array } {
  const publicKey = keys.publicKey;
  const payload = identityPayload({ publicKey, name, params, declaredAtMs });
  return { identity: { publicKey, name, params, declaredAtMs, signature: signHex(crypto, keys, payload) }, payload };
}

export function makeJoinRequest(
  crypto: CryptoBackend,
  keys: KeyPair,
  allianceId: string,
  applicant: Identity,
  createdAtMs: number,
): JoinRequest {
  return { allianceId, applicant, createdAtMs, signature: signHex(crypto, keys, joinRequestPayload({ allianceId, applicant, createdAtMs })) };
}

export function makeShareRequest(
  crypto: CryptoBackend,
  keys: KeyPair,
  fields: Omit<ShareRequest, 'signature' | 'requester'>,
): ShareRequest {
  const { allianceId, server, label, createdAtMs, nonce } = fields;
  const requester = keys.publicKey;
  const payload = shareRequestPayload({ allianceId, requester, server, label, createdAtMs, nonce });
  return { allianceId, requester, server, label, createdAtMs, nonce, signature: signHex(crypto, keys, payload) };
}

export function makeVote(crypto: CryptoBackend, keys: KeyPair, allianceId: string, requestId: Hex, allow: boolean): Vote {
  return signVote(crypto, keys, allianceId, requestId, allow).vote;
}

/** makeVote, with the payload bytes the vote was signed over. */
export function signVote(crypto: CryptoBackend, keys: KeyPair, allianceId: string, requestId: Hex, allow: boolean): { vote: Vote; payload: Uint8Array } {
  const voter = keys.publicKey;
  const payload = votePayload({ allianceId, requestId, voter, allow });
  return { vote: { allianceId, requestId, voter, allow, signature: signHex(crypto, keys, payload) }, payload };
}

export function makeAccessLogBatch(
  crypto: CryptoBackend,
  keys: KeyPair,
  allianceId: string,
  seq: number,
  records: readonly AccessRecord[],
): AccessLogBatch {
  const server = keys.publicKey;
  return { allianceId, server, seq, records, signature: signHex(crypto, keys, accessLogPayload({ allianceId, server, seq, records })) };
}

export function makeConsensusVote(
  crypto: CryptoBackend,
  keys: KeyPair,
  allianceId: string,
  step: ConsensusStep,
  height: number,
  round: number,
  blockHash: Hex | null,
): ConsensusVote {
  const validator = keys.publicKey;
  return { height, round, blockHash, validator, signature: signHex(crypto, keys, consensusVotePayload(allianceId, step, { height, round, blockHash, validator })) };
}
